import { Worker } from 'node:worker_threads';
import {
  type FormatParser,
  ImportInputError,
  type ParseInfo,
  type ParserInput,
  type ParserOutput,
} from './format';
import type { PackageContent } from './spreadsheet-read';
import type { SheetContent, SheetRow } from './spreadsheet-sheet';
import { HEADER_SEARCH_ROWS, TableRows, titleRowsBefore } from './table';

/** A sheet read for an import: the parsers take it where a CSV's text would be. */
export interface SheetTable {
  /** `XLSX, sheet "Lieux"`: what the report's `encoding` says. */
  description: string;
  /** The header row's cells, as the format detection reads them. */
  header: string[];
  /** The header row, then the rows below it. */
  rows: SheetRow[];
  /** Filled rows above the header (a title, a date of export), skipped. */
  titleRows: number;
  warnings: string[];
}

/** ZIP (XLSX, ODS, KMZ…) and OLE (XLS) files: read by SheetJS, not decoded as text. */
export function isPackage(bytes: Uint8Array): boolean {
  const [a, b, c, d] = bytes;
  return (
    (a === 0x50 && b === 0x4b && ((c === 0x03 && d === 0x04) || (c === 0x05 && d === 0x06))) ||
    (a === 0xd0 && b === 0xcf && c === 0x11 && d === 0xe0)
  );
}

/** What a spreadsheet may be; beyond these, it is refused before its rows are read. */
export const SPREADSHEET_LIMITS = {
  /** Rows of the sheet, the header and any title rows included (the sheet's own numbering). */
  rows: 200_000,
  /** Bytes the files of an archive may inflate to, all together: a zip bomb stops there. */
  unzippedBytes: 256 * 1024 * 1024,
  /** Cells that the repeat counts of an ODS sheet may expand to. */
  repeatedCells: 5_000_000,
};

/**
 * A worker reading a file beyond these is stopped, and the file refused. A sheet of 200,000 rows by 20
 * columns (a 47 MB XLSX) took 18 s and under 1 GB to read on a 2-core machine.
 */
export interface WorkerLimits {
  heapMb: number;
  timeMs: number;
}
const WORKER_LIMITS: WorkerLimits = { heapMb: 1024, timeMs: 120_000 };

const WORKER = new URL('./spreadsheet-worker.ts', import.meta.url).href;
// The worker's code is TypeScript: tsx (which runs the server) is registered in it first. Both are named
// by their URL, for the worker's code resolves nothing from this file's place.
const TSX = import.meta.resolve('tsx/esm/api');
const BOOT = `import(${JSON.stringify(TSX)}).then(({ register }) => { register(); return import(${JSON.stringify(WORKER)}); });`;

/**
 * Reads a spreadsheet (or the KML of a KMZ) in a worker of its own: SheetJS holds a whole workbook in
 * memory and some files expand far beyond their size (a cell repeated a billion times, a hyperlink over
 * every cell of a sheet), so a bounded heap and a time limit keep such a file from taking the server down,
 * and a large workbook from blocking the event loop. Throws ImportInputError when the file is refused.
 */
export function readPackage(bytes: Uint8Array, limits = WORKER_LIMITS): Promise<PackageContent> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOT, {
      eval: true,
      workerData: bytes,
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb },
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const tooLarge = (why: string) =>
      new ImportInputError(
        `This spreadsheet ${why}: save its data in a smaller file, or as CSV.`,
        'spreadsheet-too-large',
      );
    const timer = setTimeout(
      () => settle(() => reject(tooLarge(`takes more than ${limits.timeMs / 1000} s to read`))),
      limits.timeMs,
    );
    worker.once('message', (message: WorkerMessage) =>
      settle(() => {
        if ('content' in message) resolve(message.content);
        else if ('refused' in message)
          reject(new ImportInputError(message.refused.message, message.refused.code));
        else reject(new Error(`The spreadsheet worker failed: ${message.failed}`));
      }),
    );
    worker.once('error', (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? tooLarge(`needs more than ${limits.heapMb} MB of memory to read`)
            : error,
        ),
      ),
    );
    worker.once('exit', (code) =>
      settle(() =>
        reject(new Error(`The spreadsheet worker stopped (exit code ${code}) without an answer.`)),
      ),
    );
  });
}

type WorkerMessage =
  | { content: PackageContent }
  | { refused: { message: string; code: string } }
  | { failed: string };

/** The sheet as a table: its header found as a CSV's is (`titleRowsBefore`). */
export function sheetTable(sheet: SheetContent): SheetTable {
  const start = titleRowsBefore(sheet.rows.slice(0, HEADER_SEARCH_ROWS).map((r) => r.cells));
  const rows = sheet.rows.slice(start);
  return {
    description: `${sheet.kind}, sheet "${sheet.name}"`,
    header: rows[0]?.cells ?? [],
    rows,
    titleRows: start,
    warnings: sheet.warnings,
  };
}

/** A sheet's rows, read as a CSV's records are: the row numbers are the sheet's own. */
export const sheetParser: FormatParser = {
  async *parse({ table }: ParserInput, info: ParseInfo): AsyncIterable<ParserOutput> {
    if (!table) throw new Error('sheetParser reads a spreadsheet’s table');
    info.warnings.push(...table.warnings);
    if (table.titleRows > 0) info.warnings.push(`${table.titleRows} title row(s) above the header skipped`);
    const reader = new TableRows(info);
    for (const row of table.rows) {
      const read = reader.read(row.row, row.cells, row.width);
      if (read) yield read;
    }
  },
};
