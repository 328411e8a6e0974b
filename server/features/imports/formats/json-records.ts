import {
  type FormatParser,
  ImportInputError,
  isRecord,
  type ParseInfo,
  type ParserInput,
  type ParserOutput,
} from './format';

/**
 * A JSON array of flat records (the "lieux de médiation numérique" JSON, fablabs.io, regional hubs' dumps),
 * or an object holding one such array (`{"data": […]}`). A record's GeoJSON `geometry` member is used
 * when present; otherwise coordinates come from its latitude/longitude fields in the mapping step.
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
      const { geometry, ...properties } = record;
      if (columns.size < 500) for (const key of Object.keys(properties)) columns.add(key);
      const hasGeometry =
        isRecord(geometry) && typeof geometry.type === 'string' && geometry.coordinates !== undefined;
      yield {
        rowNumber,
        properties,
        geometry: hasGeometry ? (geometry as { type: string; coordinates: unknown }) : null,
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
  }
  throw new ImportInputError('This JSON holds no list of records to import.', 'invalid-json');
}
