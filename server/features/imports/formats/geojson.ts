import {
  type FormatParser,
  ImportInputError,
  isRecord,
  type ParseInfo,
  type ParserInput,
  type ParserOutput,
  type SourceGeometry,
} from './format';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** A GeoJSON FeatureCollection, a single Feature, or an array of Features (uMap's datalayers too). */
export const geojsonParser: FormatParser = {
  async *parse({ json }: ParserInput, info: ParseInfo): AsyncIterable<ParserOutput> {
    const features = featuresOf(json);
    if (isRecord(json) && Array.isArray(json.themes)) info.themes = json.themes;
    yield* readFeatures(features, 0, info);
  },
};

export function featuresOf(json: unknown): unknown[] {
  if (Array.isArray(json)) return json;
  if (isRecord(json)) {
    if (json.type === 'Feature') return [json];
    if (Array.isArray(json.features)) return json.features;
  }
  throw new ImportInputError(
    'This is not GeoJSON: no FeatureCollection or Feature found.',
    'invalid-geojson',
  );
}

/** Yields the Features of one collection; `offset` continues the row numbers of earlier layers. */
export function* readFeatures(
  features: unknown[],
  offset: number,
  info: ParseInfo,
  extra: Record<string, unknown> = {},
): Generator<ParserOutput> {
  const columns = new Set(info.columns);
  for (let i = 0; i < features.length; i++) {
    const rowNumber = offset + i + 1;
    const feature = features[i];
    if (!isRecord(feature) || feature.type !== 'Feature') {
      yield { rowNumber, reason: 'invalid-row', detail: 'not a GeoJSON Feature' };
      continue;
    }
    const properties: Record<string, unknown> = {
      ...extra,
      ...(isRecord(feature.properties) ? feature.properties : {}),
    };
    // uMap keeps its styling in the data; it is not the entry's.
    delete properties._umap_options;
    for (const key of Object.keys(properties)) {
      if (columns.size < 500) columns.add(key);
    }
    const geometry =
      isRecord(feature.geometry) && typeof feature.geometry.type === 'string' ? feature.geometry : null;
    const row: ParserOutput = { rowNumber, properties, geometry: geometry as SourceGeometry | null };
    const id = feature.id;
    if (typeof id === 'string' || typeof id === 'number') {
      row.sourceRef = String(id);
      if (typeof id === 'string' && UUID.test(id) && typeof properties.kind === 'string')
        row.entryId = id.toLowerCase();
    }
    yield row;
  }
  info.columns = [...columns];
}
