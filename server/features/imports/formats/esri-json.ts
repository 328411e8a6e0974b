import { isRecord, type ParseInfo, type ParserOutput, type SourceGeometry } from './format';
import { crsCode, reprojectGeometry } from './reproject';

// An ArcGIS FeatureSet (what an ArcGIS Online layer's "query" or a Survey123 export answers, which many
// collectivités publish): `features: [{attributes, geometry: {x, y} | {rings} | {paths} | {points}}]`
// with a `spatialReference` that is often Web Mercator (102100) or Lambert-93 (2154).

/** The document is Esri JSON rather than GeoJSON. */
export function isEsriJson(json: unknown): json is Record<string, unknown> {
  if (!isRecord(json) || !Array.isArray(json.features)) return false;
  const first = json.features.find(isRecord);
  return first !== undefined && first.type !== 'Feature' && isRecord(first.attributes);
}

export function esriFeaturesOf(json: Record<string, unknown>): unknown[] {
  return json.features as unknown[];
}

/** Yields each Esri feature as a row: its attributes, and its geometry turned into GeoJSON. */
export function* readEsriFeatures(
  features: unknown[],
  json: Record<string, unknown>,
  info: ParseInfo,
): Generator<ParserOutput> {
  const code = crsCode(json.spatialReference);
  const crs = code === 2154 || code === 3857 ? code : null;
  if (code !== null && crs === null && code !== 4326 && code !== 4171) {
    info.warnings.push(
      `coordinates are in EPSG:${code}, which this import cannot convert to longitude/latitude`,
    );
  }
  const idField = typeof json.objectIdFieldName === 'string' ? json.objectIdFieldName : null;
  const columns = new Set<string>();
  for (let i = 0; i < features.length; i++) {
    const rowNumber = i + 1;
    const feature = features[i];
    if (!isRecord(feature) || !isRecord(feature.attributes)) {
      yield { rowNumber, reason: 'invalid-row', detail: 'not an ArcGIS feature (no attributes)' };
      continue;
    }
    const properties = { ...feature.attributes };
    if (columns.size < 500) for (const key of Object.keys(properties)) columns.add(key);
    const shape = esriGeometry(feature.geometry);
    const geometry = shape && crs ? reprojectGeometry(shape, crs) : shape;
    const id = idField ? properties[idField] : undefined;
    yield {
      rowNumber,
      properties,
      geometry,
      ...(typeof id === 'string' || typeof id === 'number' ? { sourceRef: String(id) } : {}),
    };
  }
  info.columns = [...columns];
}

function esriGeometry(value: unknown): SourceGeometry | null {
  if (!isRecord(value)) return null;
  if (typeof value.x === 'number' && typeof value.y === 'number') {
    return { type: 'Point', coordinates: [value.x, value.y] };
  }
  if (Array.isArray(value.rings)) return { type: 'Polygon', coordinates: value.rings };
  if (Array.isArray(value.paths)) return { type: 'MultiLineString', coordinates: value.paths };
  if (Array.isArray(value.points)) return { type: 'MultiPoint', coordinates: value.points };
  return null;
}
