import {
  type FormatParser,
  ImportInputError,
  isRecord,
  type ParseInfo,
  type ParserInput,
  type ParserOutput,
} from './format';
import { unwrapRecord } from './record-shapes';

/**
 * A JSON array of flat records (the "lieux de médiation numérique" JSON, fablabs.io, regional hubs' dumps),
 * or an object holding one such array (`{"data": […]}`, Overpass's `elements`, JSON-LD's `@graph`).
 * A record's GeoJSON `geometry` member is used when present; otherwise coordinates come from its
 * latitude/longitude fields in the mapping step. Records wrapped by a known tool (OpenStreetMap tags,
 * OpenDataSoft `fields`, schema.org nodes) are unwrapped first.
 */
export const jsonRecordsParser: FormatParser = {
  async *parse({ json }: ParserInput, info: ParseInfo): AsyncIterable<ParserOutput> {
    const records = recordsOf(json);
    const columns = new Set<string>();
    for (let i = 0; i < records.length; i++) {
      const rowNumber = i + 1;
      const record = records[i];
      if (!isRecord(record)) {
        yield { rowNumber, reason: 'invalid-row', detail: 'not an object' };
        continue;
      }
      const row = unwrapRecord(record);
      if (columns.size < 500) for (const key of Object.keys(row.properties)) columns.add(key);
      yield {
        rowNumber,
        properties: row.properties,
        geometry: row.geometry,
        ...(row.sourceRef ? { sourceRef: row.sourceRef } : {}),
        ...(row.entryId ? { entryId: row.entryId } : {}),
      };
    }
    info.columns = [...columns];
  },
};

export function recordsOf(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (isRecord(json)) {
    const arrays = Object.values(json).filter((v) => Array.isArray(v) && v.length > 0 && isRecord(v[0]));
    if (arrays.length === 1) return arrays[0] as unknown[];
    // An API answer wraps its list once more (`{"data": {"items": […]}}`).
    const nested = Object.values(json)
      .filter(isRecord)
      .map(recordsIn)
      .filter((r) => r !== null);
    if (arrays.length === 0 && nested.length === 1) return nested[0] as unknown[];
  }
  throw new ImportInputError('This JSON holds no list of records to import.', 'invalid-json');
}

function recordsIn(value: Record<string, unknown>): unknown[] | null {
  const arrays = Object.values(value).filter((v) => Array.isArray(v) && v.length > 0 && isRecord(v[0]));
  return arrays.length === 1 ? (arrays[0] as unknown[]) : null;
}
