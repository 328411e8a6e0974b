import { ImportInputError } from './formats/format';

/** A file's text and how it was read. */
export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
}

const MAGIC: Array<{ bytes: number[]; what: string }> = [
  {
    bytes: [0x50, 0x4b, 0x03, 0x04],
    what: 'a ZIP archive (an .xlsx or .ods spreadsheet? Save it as CSV first)',
  },
  { bytes: [0x1f, 0x8b], what: 'a gzip archive (decompress it first)' },
  { bytes: [0x25, 0x50, 0x44, 0x46], what: 'a PDF document' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: 'an old Excel/Office document (save it as CSV first)' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], what: 'a JPEG image' },
];

/**
 * Bytes to text: a BOM decides (UTF-8, UTF-16); otherwise strict UTF-8, and Windows-1252 when the bytes
 * are not valid UTF-8 (spreadsheets saved on Windows). Binary files are refused before any parsing.
 */
export function decodeInput(bytes: Uint8Array): DecodedText {
  if (bytes.length === 0) throw new ImportInputError('The file is empty.', 'empty');
  for (const magic of MAGIC) {
    if (magic.bytes.every((b, i) => bytes[i] === b)) {
      throw new ImportInputError(`This is not a text file: it looks like ${magic.what}.`, 'binary');
    }
  }
  let decoded: DecodedText;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    decoded = { text: strictUtf8(bytes.subarray(3)) ?? latin(bytes.subarray(3)), encoding: 'utf-8' };
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    decoded = { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    decoded = { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  } else {
    looksBinary(bytes);
    const utf8 = strictUtf8(bytes);
    decoded =
      utf8 === null ? { text: latin(bytes), encoding: 'windows-1252' } : { text: utf8, encoding: 'utf-8' };
  }
  if (decoded.text.trim() === '') throw new ImportInputError('The file holds only blank space.', 'empty');
  return decoded;
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
