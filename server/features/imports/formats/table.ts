import { ImportInputError, type ParseInfo, type ParserOutput } from './format';

/** More columns than this is not a table of places: the file is refused before its rows are read. */
export const MAX_COLUMNS = 500;

export function tooManyColumns(width: number): ImportInputError {
  return new ImportInputError(
    `The header has ${width} columns; an import takes at most ${MAX_COLUMNS}.`,
    'too-many-columns',
  );
}

/** A header is looked for among this many first rows: above it, a title and blank rows are skipped. */
export const HEADER_SEARCH_ROWS = 10;

/**
 * How many rows come before the header: it is the first of the first rows with two filled cells (a title
 * and a blank row often come first); 0 when none has.
 */
export function titleRowsBefore(rows: ReadonlyArray<ReadonlyArray<string>>): number {
  const index = rows
    .slice(0, HEADER_SEARCH_ROWS)
    .findIndex((cells) => cells.filter((c) => c.trim() !== '').length >= 2);
  return Math.max(0, index);
}

/**
 * The records of a table (a CSV's, a spreadsheet's rows) as rows to import: the first record given is the
 * header, and each later one becomes a row keyed by its names. Empty records are left out.
 */
export class TableRows {
  private header: string[] | null = null;

  constructor(private readonly info: ParseInfo) {}

  get hasHeader(): boolean {
    return this.header !== null;
  }

  /**
   * The row a record becomes, null for the header and for an empty record. `width` is the record's true
   * width when its cells were cut short (a spreadsheet row with a stray value far to the right).
   */
  read(
    rowNumber: number,
    record: ReadonlyArray<string | undefined>,
    width = record.length,
  ): ParserOutput | null {
    if (!this.header) {
      if (width > MAX_COLUMNS) throw tooManyColumns(width);
      this.header = uniqueNames(record);
      this.info.columns = this.header;
      return null;
    }
    if (width > MAX_COLUMNS) {
      return {
        rowNumber,
        reason: 'invalid-row',
        detail: `${width} cells, more than the limit of ${MAX_COLUMNS}`,
      };
    }
    const properties: Record<string, unknown> = {};
    let filled = 0;
    for (let i = 0; i < record.length; i++) {
      const value = unneutralized(record[i]?.trim());
      if (!value) continue;
      properties[this.header[i] ?? `column_${i + 1}`] = value;
      filled++;
    }
    if (filled === 0) return null;
    if (width > this.header.length) {
      this.info.warnings.push(`row ${rowNumber} has ${width} cells for ${this.header.length} columns`);
    }
    return { rowNumber, properties, geometry: null };
  }
}

// Exports (ours among them) prefix a cell that a spreadsheet would run as a formula with `'`; reading
// such a file back, the apostrophe is not part of the value.
function unneutralized(value: string | undefined): string | undefined {
  return value && /^'[=+\-@]/.test(value) ? value.slice(1) : value;
}

function uniqueNames(record: ReadonlyArray<string | undefined>): string[] {
  const seen = new Map<string, number>();
  return Array.from(record, (raw, i) => {
    const name = raw?.trim() || `column_${i + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    return n === 1 ? name : `${name}_${n}`;
  });
}
