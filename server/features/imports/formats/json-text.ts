import { ImportInputError } from './format';

// JSON as the field's tools write it: one document, or one value per line (GeoJSONSeq, RFC 8142, whose
// lines may start with the record separator; newline-delimited JSON from `ogr2ogr` or `jq -c`).

const RECORD_SEPARATOR = String.fromCharCode(0x1e);

/** The parsed document; a file of one JSON value per line reads as the array of those values. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const lines = jsonLines(text);
    if (lines) return lines;
    const reason = error instanceof Error ? error.message : String(error);
    throw new ImportInputError(`The JSON cannot be read (malformed or truncated): ${reason}`, 'invalid-json');
  }
}

function jsonLines(text: string): unknown[] | null {
  const lines = text
    .split(RECORD_SEPARATOR)
    .flatMap((part) => part.split(/\r?\n/))
    .filter((l) => l.trim() !== '');
  if (lines.length < 2) return null;
  const values: unknown[] = [];
  for (const line of lines) {
    const trimmed = line.trim();
    if (!trimmed.startsWith('{')) return null;
    try {
      values.push(JSON.parse(trimmed));
    } catch {
      return null;
    }
  }
  return values;
}
