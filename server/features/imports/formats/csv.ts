import { parse } from 'csv-parse';
import {
  type FormatParser,
  ImportInputError,
  type ParseInfo,
  type ParserInput,
  type ParserOutput,
} from './format';
import { HEADER_SEARCH_ROWS, MAX_COLUMNS, TableRows, titleRowsBefore, tooManyColumns } from './table';

const DELIMITERS = [',', ';', '\t', '|'] as const;

/**
 * CSV with a header row: the delimiter is detected (`,` `;` tab `|`), quoted fields may hold newlines,
 * CRLF or LF. Row numbers are those a spreadsheet shows: the header is row 1, the first data row is row 2.
 */
export const csvParser: FormatParser = {
  async *parse({ text }: ParserInput, info: ParseInfo): AsyncIterable<ParserOutput> {
    const first = headerLine(text);
    const delimiter = first.delimiter ?? detectDelimiter(first.line);
    const width = countOutsideQuotes(first.line, delimiter) + 1;
    // Counted on the header's text, before csv-parse reads a record that long.
    if (width > MAX_COLUMNS) throw tooManyColumns(width);
    info.delimiter = delimiter;
    const parser = parse(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      // Excel's `sep=;` line names the delimiter, and title rows come before the header.
      from_line: first.fromLine,
      // One record larger than this is a broken file (an unclosed quote swallowing the rest).
      max_record_size: 1_000_000,
    });
    if (first.titleRows > 0) info.warnings.push(`${first.titleRows} title row(s) above the header skipped`);
    const table = new TableRows(info);
    // Row numbers as the spreadsheet shows them: the title rows come first, then the header.
    let rowNumber = first.titleRows;
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        rowNumber++;
        const row = table.read(rowNumber, record);
        if (row) yield row;
      }
    } catch (error) {
      if (error instanceof ImportInputError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new ImportInputError(`The CSV cannot be read after row ${rowNumber}: ${message}`, 'invalid-csv');
    }
    if (!table.hasHeader) throw new ImportInputError('The CSV has no header row.', 'empty');
  },
};

/** Where the header is: its text, the delimiter a `sep=` line names, the physical line it starts on. */
export interface HeaderLine {
  line: string;
  delimiter?: string;
  /** 1-based line of the file where the header starts (after `sep=` and title rows). */
  fromLine: number;
  /** Title rows above the header (a sheet's title, a blank line), skipped. */
  titleRows: number;
}

/**
 * The header record's text (which may span lines only inside quotes), after a BOM, Excel's `sep=X`
 * line, and title rows: spreadsheets saved as CSV often start with a title in one cell and a blank
 * line; the header is the first line with two filled cells.
 */
export function headerLine(text: string): HeaderLine {
  let start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const sep = /^sep=(.)\r?\n/i.exec(text.slice(start, start + 10));
  if (sep) start += sep[0].length;
  const lines = text.slice(start, start + 50_000).split(/\r\n|\n|\r/, HEADER_SEARCH_ROWS);
  // The last line read may be cut short: it is not a candidate.
  const titleRows = titleRowsBefore(
    lines
      .slice(0, -1)
      .map((line) => line.split(sep?.[1] ?? detectDelimiter(line)).map((c) => c.replace(/"/g, ''))),
  );
  start = afterLines(text, start, titleRows);
  let inQuotes = false;
  let end = text.length;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') inQuotes = !inQuotes;
    else if ((c === '\n' || c === '\r') && !inQuotes) {
      end = i;
      break;
    }
  }
  const line = text.slice(start, end);
  const fromLine = (sep ? 2 : 1) + titleRows;
  return sep ? { line, delimiter: sep[1] as string, fromLine, titleRows } : { line, fromLine, titleRows };
}

function afterLines(text: string, start: number, count: number): number {
  const newline = /\r\n|\n|\r/g;
  newline.lastIndex = start;
  let position = start;
  for (let i = 0; i < count; i++) {
    const match = newline.exec(text);
    if (!match) return text.length;
    position = match.index + match[0].length;
  }
  return position;
}

export function detectDelimiter(headerLine: string): string {
  let best: string = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = countOutsideQuotes(headerLine, d);
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let inQuotes = false;
  let count = 0;
  for (const c of line) {
    if (c === '"') inQuotes = !inQuotes;
    else if (c === delimiter && !inQuotes) count++;
  }
  return count;
}
