import zlib from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { ImportInputError } from './format';
import { SPREADSHEET_LIMITS } from './spreadsheet';
import { firstSheet, type SheetContent, type SpreadsheetKind } from './spreadsheet-sheet';

// Loaded in the worker of `spreadsheet.ts` only (other modules import its types alone), for loading it sets
// SheetJS's inflater. The archive is opened, the kind of document told from the files it holds, and the
// first sheet with data turned into rows of text (`spreadsheet-sheet.ts`).

/** A spreadsheet's first sheet with data, or the KML map of a KMZ archive. */
export type PackageContent = { sheet: SheetContent } | { kml: Uint8Array; name: string };

// SheetJS inflates every file of an archive whole, and its own inflater trusts the sizes the archive
// declares. Through Node's zlib with a ceiling, a zip bomb stops at the budget instead of filling memory.
let inflateBudget = 0;
let inflateBounded = false;

interface ZlibEngine {
  _processChunk(chunk: Uint8Array, flushFlag: number): Buffer;
}

function BoundedInflateRaw(): zlib.InflateRaw {
  const inflate = zlib.createInflateRaw({ maxOutputLength: Math.max(1, inflateBudget) });
  const engine = inflate as unknown as ZlibEngine;
  const processChunk = engine._processChunk.bind(inflate);
  engine._processChunk = (chunk, flushFlag) => {
    const out = processChunk(chunk, flushFlag);
    inflateBudget -= out.length;
    inflateBounded = true;
    return out;
  };
  // SheetJS reads `bytesRead`, which Node deprecated for the same count under the name `bytesWritten`.
  Object.defineProperty(inflate, 'bytesRead', { get: () => inflate.bytesWritten });
  return inflate;
}

XLSX.CFB.utils.use_zlib({ InflateRaw: BoundedInflateRaw, deflateRawSync: zlib.deflateRawSync });
// use_zlib tries the inflater once; had that failed, SheetJS would go on with its own, unbounded one.
if (!inflateBounded) throw new Error('SheetJS did not take the bounded zlib inflater');

const READ_OPTIONS: XLSX.ParsingOptions = {
  type: 'buffer',
  dense: true,
  // Formulas give their cached value, never evaluated; number formats tell dates and zero-padded codes.
  cellFormula: false,
  cellHTML: false,
  cellStyles: false,
  cellText: false,
  cellNF: true,
  cellDates: false,
  sheetRows: SPREADSHEET_LIMITS.rows + 1,
};

/** Reads a ZIP or OLE file. Throws ImportInputError when it is no spreadsheet, or one beyond the limits. */
export function readPackage(bytes: Uint8Array): PackageContent {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const files = openArchive(buffer);
  const zip = buffer[0] === 0x50;
  const kind = zip ? zipKind(files) : oleKind(files);
  if (typeof kind !== 'string') return kind;
  if (kind === 'ODS') checkOds(files);
  let workbook: XLSX.WorkBook;
  try {
    inflateBudget = SPREADSHEET_LIMITS.unzippedBytes;
    workbook = XLSX.read(buffer, READ_OPTIONS);
  } catch (error) {
    throw readError(error, `This ${kind} spreadsheet cannot be read`, 'invalid-spreadsheet');
  }
  return { sheet: firstSheet(workbook, kind) };
}

type Files = Map<string, Uint8Array>;

const CFB_PLACEHOLDER = '\u0001Sh33tJ5';

function openArchive(buffer: Buffer): Files {
  let container: { FullPaths: string[]; FileIndex: Array<{ type: number; content?: Uint8Array }> };
  try {
    inflateBudget = SPREADSHEET_LIMITS.unzippedBytes;
    container = XLSX.CFB.read(buffer, { type: 'buffer' });
  } catch (error) {
    throw readError(error, 'This archive cannot be read (damaged or truncated?)', 'invalid-archive');
  }
  const files: Files = new Map();
  container.FullPaths.forEach((path, i) => {
    const file = container.FileIndex[i];
    const name = path.slice(path.indexOf('/') + 1);
    // Paths start with the root entry's name; type 2 is a file (a stream in OLE). The CFB library adds a
    // placeholder file of its own to every container it reads.
    if (file?.type === 2 && file.content && name !== CFB_PLACEHOLDER) files.set(name, file.content);
  });
  if (files.size === 0) {
    throw new ImportInputError(
      'This archive holds no file: it is damaged, truncated or empty.',
      'invalid-archive',
    );
  }
  return files;
}

function zipKind(files: Files): SpreadsheetKind | PackageContent {
  if (files.has('xl/workbook.xml')) return 'XLSX';
  if (files.has('xl/workbook.bin')) return 'XLSB';
  const mimetype = text(files.get('mimetype')).trim();
  if (mimetype.startsWith('application/vnd.oasis.opendocument.spreadsheet') && files.has('content.xml'))
    return 'ODS';
  const kmls = [...files.keys()].filter((name) => /\.kml$/i.test(name));
  const kml = kmls.find((name) => name.toLowerCase() === 'doc.kml') ?? kmls[0];
  // A copy: the worker's answer then carries this file's bytes only, not the archive they may share.
  if (kml) return { kml: new Uint8Array(files.get(kml) as Uint8Array), name: kml };
  const what = mimetype.startsWith('application/vnd.oasis.opendocument.')
    ? 'an OpenDocument file that is not a spreadsheet'
    : files.has('word/document.xml')
      ? 'a Word document'
      : files.has('ppt/presentation.xml')
        ? 'a PowerPoint presentation'
        : files.has('Index/Document.iwa')
          ? 'an Apple Numbers, Pages or Keynote document (export it as XLSX or CSV)'
          : 'a ZIP archive with neither a spreadsheet nor a KML map in it';
  throw new ImportInputError(
    `This is ${what}: import an XLSX, ODS or XLS spreadsheet, a KMZ map, or a CSV, GeoJSON or KML file.`,
    'not-spreadsheet',
  );
}

function oleKind(files: Files): SpreadsheetKind {
  // An XLSX (or DOCX) saved with a password is an OLE file that holds the encrypted ZIP.
  if (files.has('EncryptedPackage') || files.has('EncryptionInfo')) throw encrypted();
  if (files.has('Workbook') || files.has('Book')) return 'XLS';
  const what = files.has('WordDocument')
    ? 'an old Word document'
    : files.has('PowerPoint Document')
      ? 'an old PowerPoint presentation'
      : 'an Office document that is not a spreadsheet';
  throw new ImportInputError(
    `This is ${what}: import an XLSX, ODS or XLS spreadsheet, or a CSV file.`,
    'not-spreadsheet',
  );
}

// SheetJS expands an ODS sheet's repeat counts into cells: one tag may stand for a billion of them.
// Empty cells (self-closing tags) are not expanded, and they are what spreadsheets repeat in practice.
function checkOds(files: Files): void {
  if (/encryption-data/.test(text(files.get('META-INF/manifest.xml')))) throw encrypted();
  const content = text(files.get('content.xml'));
  const tags = /<(?:[\w-]+:)?table-(row|cell)(?=[\s/>])([^>]*)>/g;
  let rowRepeat = 1;
  let cells = 0;
  for (const [, tag, attributes = ''] of content.matchAll(tags)) {
    if (tag === 'row') {
      rowRepeat = repeatCount(attributes, 'rows');
    } else if (!attributes.endsWith('/')) {
      cells += rowRepeat * repeatCount(attributes, 'columns');
      if (cells > SPREADSHEET_LIMITS.repeatedCells) {
        throw new ImportInputError(
          `The ODS sheet repeats its cells into more than ${SPREADSHEET_LIMITS.repeatedCells.toLocaleString('en')}; an import reads fewer.`,
          'spreadsheet-too-large',
        );
      }
    }
  }
}

function repeatCount(attributes: string, what: 'rows' | 'columns'): number {
  const match = new RegExp(`number-${what}-repeated="(\\d+)"`).exec(attributes);
  return match ? Number(match[1]) : 1;
}

function text(bytes: Uint8Array | undefined): string {
  return bytes ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8') : '';
}

function encrypted(): ImportInputError {
  return new ImportInputError(
    'This spreadsheet is protected by a password: save a copy without the password, then import that.',
    'encrypted',
  );
}

function readError(error: unknown, what: string, code: string): ImportInputError {
  if (error instanceof ImportInputError) return error;
  const message = error instanceof Error ? error.message : String(error);
  if ((error as { code?: string } | null)?.code === 'ERR_BUFFER_TOO_LARGE') {
    return new ImportInputError(
      `The files of this archive unpack to more than ${SPREADSHEET_LIMITS.unzippedBytes / 1024 / 1024} MB; an import reads less.`,
      'spreadsheet-too-large',
    );
  }
  if (/password|encrypt/i.test(message)) return encrypted();
  return new ImportInputError(`${what}: ${message}`, code);
}
