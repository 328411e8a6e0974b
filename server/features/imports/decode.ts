import { ImportInputError } from './formats/format';
import { isPackage, readPackage, type SheetTable, sheetTable } from './formats/spreadsheet';

/** A file's text and how it was read. */
export interface DecodedText {
  text: string;
  /** `utf-8, repaired` when the text had been encoded twice (UTF-8 read as Windows-1252, saved again). */
  encoding: 'utf-8' | 'utf-8, repaired' | 'utf-16le' | 'utf-16be' | 'windows-1252';
}

/** A file as the parsers take it: its text, or a spreadsheet's sheet (then `text` is empty). */
export interface DecodedInput {
  text: string;
  /** How the text was decoded, or which sheet of which kind of spreadsheet was read. */
  encoding: string;
  table?: SheetTable;
}

const MAGIC: Array<{ bytes: number[]; what: string }> = [
  { bytes: [0x1f, 0x8b], what: 'a gzip archive (decompress it first)' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
];

// A dry run reads its file twice (the import, then the preview): a spreadsheet is read once, in a worker.
const packages = new WeakMap<Uint8Array, Promise<DecodedInput>>();

/**
 * Bytes to what a parser reads: a spreadsheet (XLSX, ODS, XLS) to its first sheet with data, a KMZ to
 * the text of its KML, and any other file to text (`decodeText`).
 */
export async function decodeInput(bytes: Uint8Array): Promise<DecodedInput> {
  if (bytes.length === 0) throw new ImportInputError('The file is empty.', 'empty');
  if (!isPackage(bytes)) return decodeText(bytes);
  let decoded = packages.get(bytes);
  if (!decoded) {
    decoded = decodePackage(bytes);
    packages.set(bytes, decoded);
  }
  return decoded;
}

async function decodePackage(bytes: Uint8Array): Promise<DecodedInput> {
  const content = await readPackage(bytes);
  if ('sheet' in content) {
    const table = sheetTable(content.sheet);
    return { text: '', encoding: table.description, table };
  }
  const kml = decodeText(content.kml);
  return { text: kml.text, encoding: `${kml.encoding}, ${content.name} of a KMZ` };
}

/**
 * Bytes to text: a BOM decides (UTF-8, UTF-16); otherwise strict UTF-8, and Windows-1252 when the bytes
 * are not valid UTF-8 (spreadsheets saved on Windows). Binary files are refused before any parsing.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new ImportInputError('The file is empty.', 'empty');
  for (const magic of MAGIC) {
    if (magic.bytes.every((b, i) => bytes[i] === b)) {
      throw new ImportInputError(`This is not a text file: it looks like ${magic.what}.`, 'binary');
    }
  }
  let decoded: DecodedText;
  const utf16 = bomlessUtf16(bytes);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const utf8 = strictUtf8(bytes.subarray(3));
    decoded =
      utf8 === null
        ? { text: latin(bytes.subarray(3)), encoding: 'windows-1252' }
        : repaired({ text: utf8, encoding: 'utf-8' });
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    decoded = { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    decoded = { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  } else if (utf16) {
    decoded = { text: new TextDecoder(utf16).decode(bytes), encoding: utf16 };
  } else {
    looksBinary(bytes);
    const utf8 = strictUtf8(bytes);
    decoded =
      utf8 === null
        ? { text: latin(bytes), encoding: 'windows-1252' }
        : repaired({ text: utf8, encoding: 'utf-8' });
  }
  if (decoded.text.trim() === '') throw new ImportInputError('The file holds only blank space.', 'empty');
  return decoded;
}

// UTF-16 without a BOM (some "Unicode text" exports): ASCII text then has a NUL in every other byte.
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.05) return 'utf-16le';
  if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.05) return 'utf-16be';
  return null;
}

// "Ã©" for "é": UTF-8 bytes that a tool read as Windows-1252 and wrote out again as UTF-8. When such pairs
// recur and undoing the second encoding gives valid UTF-8, the text is read as it was first written.
const DOUBLE_ENCODED =
  /\u00c3[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u2013-\u203a\u20ac\u2122]|\u00e2\u20ac/g;

function repaired(decoded: DecodedText): DecodedText {
  const sample = decoded.text.slice(0, 1_000_000);
  const suspicious = sample.match(DOUBLE_ENCODED)?.length ?? 0;
  if (suspicious < 3) return decoded;
  const bytes = toWindows1252(decoded.text);
  const text = bytes ? strictUtf8(bytes) : null;
  return text === null ? decoded : { text, encoding: 'utf-8, repaired' };
}

let cp1252Bytes: Map<string, number> | null = null;

// The inverse of Windows-1252 decoding; null when a character has no byte there.
function toWindows1252(text: string): Uint8Array | null {
  if (!cp1252Bytes) {
    const all = new Uint8Array(256).map((_, i) => i);
    const chars = new TextDecoder('windows-1252').decode(all);
    cp1252Bytes = new Map([...chars].map((c, i) => [c, i]));
  }
  const out = new Uint8Array(text.length);
  let i = 0;
  for (const c of text) {
    const b = cp1252Bytes.get(c);
    if (b === undefined) return null;
    out[i++] = b;
  }
  return out.subarray(0, i);
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function latin(bytes: Uint8Array): string {
  return new TextDecoder('windows-1252').decode(bytes);
}

// NUL bytes never occur in the text formats we read, and many control characters mean a binary file.
function looksBinary(bytes: Uint8Array): void {
  const sample = bytes.subarray(0, 65_536);
  let control = 0;
  for (const b of sample) {
    if (b === 0) throw new ImportInputError('This is not a text file (it holds NUL bytes).', 'binary');
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  if (control > sample.length * 0.02) {
    throw new ImportInputError('This is not a text file (too many control characters).', 'binary');
  }
}
