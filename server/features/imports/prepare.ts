import type { ImportFormat, ImportMapping, RejectedRow } from '../../contract/import';
import { decodeInput } from './decode';
import { isUnreadable, type ParsedRow, type ParseInfo } from './formats/format';
import { type ConcreteFormat, detectFormat, PARSERS } from './formats/index';
import { applyMapping, MappingNotes, type NormalizedRow } from './mapping-apply';
import { columnsOf, guessMapping } from './mapping-guess';
import { ThemeResolver } from './theme-resolver';

/** A file read, parsed and mapped: everything an import needs before it touches the database. */
export interface PreparedImport {
  format: ConcreteFormat;
  encoding: string;
  delimiter: string | undefined;
  columns: string[];
  mapping: ImportMapping;
  rows: NormalizedRow[];
  rejected: RejectedRow[];
  read: number;
  warnings: string[];
  themeValues: Record<string, { count: number; slug: string | null }>;
}

/** Reads a file through its parser and the mapping. Throws ImportInputError when the file is unreadable. */
export async function prepareImport(
  bytes: Uint8Array,
  options: { format?: ImportFormat; mapping?: ImportMapping },
  loadThemes: (definitions: unknown[]) => Promise<Iterable<string>>,
): Promise<PreparedImport> {
  const decoded = await decodeInput(bytes);
  const { format, input } = detectFormat(decoded, options.format ?? 'auto');
  const info: ParseInfo = { columns: [], warnings: [] };
  const parsed: ParsedRow[] = [];
  const rejected: RejectedRow[] = [];
  let read = 0;
  for await (const row of PARSERS[format].parse(input, info)) {
    read++;
    if (isUnreadable(row)) rejected.push({ row: row.rowNumber, reason: row.reason, detail: row.detail });
    else parsed.push(row);
  }
  const slugs = [...(await loadThemes(info.themes ?? []))];
  const guessResolver = new ThemeResolver(slugs, options.mapping?.themes?.values);
  const columns = columnsOf(parsed, info.columns);
  const mapping = guessMapping(columns, format, options.mapping, (v) => guessResolver.first(v));
  const resolver = new ThemeResolver(slugs, mapping.themes?.values);
  const notes = new MappingNotes();
  const rows: NormalizedRow[] = [];
  for (const row of parsed) {
    const mapped = applyMapping(row, mapping, resolver, notes);
    if ('reason' in mapped)
      rejected.push({ row: mapped.rowNumber, reason: mapped.reason, detail: mapped.detail });
    else rows.push(mapped);
  }
  rejected.sort((a, b) => a.row - b.row);
  const warnings = [...info.warnings.slice(0, 20), ...notes.warnings()];
  if (!mapping.fields?.name)
    warnings.unshift('no column was recognised as the name: set mapping.fields.name');
  return {
    format,
    encoding: decoded.encoding,
    delimiter: info.delimiter,
    columns,
    mapping,
    rows,
    rejected,
    read,
    warnings,
    themeValues: Object.fromEntries(notes.themeValues),
  };
}
