import type { EntryKind } from '../../contract/entry';
import type { ImportMapping, SourceRow } from '../../contract/import';
import { decodeInput } from './decode';
import { isUnreadable, type ParsedRow, type ParseInfo } from './formats/format';
import { type ConcreteFormat, detectFormat, PARSERS } from './formats/index';
import { applyMapping, MappingNotes } from './mapping-apply';
import { ThemeResolver } from './theme-resolver';
import { readPath, text } from './values';

/** Rows of the file shown as they were read. */
const SOURCE_ROWS = 8;
const CELL_MAX = 200;
/** The kind column's values are counted over this many rows at most: a preview, not a census. */
const KIND_SCAN_ROWS = 20_000;
const KIND_VALUES_MAX = 200;

/** What a dry run's answer adds for a preview: the file's first rows, and the kind column's values. */
export interface SourcePreview {
  sourceRows: SourceRow[];
  kindValues?: Record<string, { count: number; kind: EntryKind | null }>;
}

/**
 * Reads the file again for the preview a mapping editor needs: the dry run's own pass keeps only the
 * mapped rows, and the import's hot path stays free of this work (a real run never calls it).
 */
export async function previewSource(
  bytes: Uint8Array,
  format: ConcreteFormat,
  columns: string[],
  mapping: ImportMapping,
): Promise<SourcePreview> {
  const { input } = detectFormat(await decodeInput(bytes), format);
  const info: ParseInfo = { columns: [], warnings: [] };
  const kindColumn = mapping.kind?.column;
  const counts = new Map<string, number>();
  const sourceRows: SourceRow[] = [];
  let scanned = 0;
  for await (const row of PARSERS[format].parse(input, info)) {
    if (isUnreadable(row)) continue;
    if (sourceRows.length < SOURCE_ROWS)
      sourceRows.push({ row: row.rowNumber, cells: cellsOf(row, columns) });
    if (kindColumn) {
      const value = text(readPath(row.properties, kindColumn));
      if (value !== null && (counts.has(value) || counts.size < KIND_VALUES_MAX))
        counts.set(value, (counts.get(value) ?? 0) + 1);
    }
    scanned++;
    if (scanned >= (kindColumn ? KIND_SCAN_ROWS : SOURCE_ROWS)) break;
  }
  if (!kindColumn) return { sourceRows };
  const kindValues: NonNullable<SourcePreview['kindValues']> = {};
  for (const [value, count] of counts) kindValues[value] = { count, kind: kindOfValue(value, mapping) };
  return { sourceRows, kindValues };
}

function cellsOf(row: ParsedRow, columns: string[]): Array<string | null> {
  return columns.map((column) => {
    const value = readPath(row.properties, column);
    const cell = Array.isArray(value)
      ? value.map(text).filter(Boolean).join(', ')
      : typeof value === 'object' && value !== null
        ? JSON.stringify(value)
        : text(value);
    return cell ? cell.slice(0, CELL_MAX) : null;
  });
}

// The kind a value becomes, asked of the import's own mapping step (a one-cell row) so the preview can
// never disagree with what the import does.
function kindOfValue(value: string, mapping: ImportMapping): EntryKind | null {
  const row: ParsedRow = { rowNumber: 0, properties: { name: 'preview', kind: value }, geometry: null };
  const oneCell: ImportMapping = {
    fields: { name: 'name' },
    kind: { ...mapping.kind, column: 'kind' },
  };
  const mapped = applyMapping(row, oneCell, new ThemeResolver([]), new MappingNotes());
  return 'reason' in mapped ? null : mapped.kind;
}
