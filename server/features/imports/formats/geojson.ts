import { esriFeaturesOf, isEsriJson, readEsriFeatures } from './esri-json';
import {
  type FormatParser,
  ImportInputError,
  isRecord,
  type ParseInfo,
  type ParserInput,
  type ParserOutput,
  type SourceGeometry,
} from './format';
import { crsCode, type ProjectedCrs, reprojectGeometry } from './reproject';
import { adaptUmapProperties, type UmapLayer, umapLayerOf } from './umap-layer';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * A GeoJSON FeatureCollection, a single Feature, or an array of Features (uMap's datalayers too); an
 * ArcGIS FeatureSet (Esri JSON) is read here as well, since tools save both under `.json`.
 */
export const geojsonParser: FormatParser = {
  async *parse({ json }: ParserInput, info: ParseInfo): AsyncIterable<ParserOutput> {
    if (isEsriJson(json)) {
      yield* readEsriFeatures(esriFeaturesOf(json), json, info);
      return;
    }
    const features = featuresOf(json);
    if (isRecord(json) && Array.isArray(json.themes)) info.themes = json.themes;
    const crs = isRecord(json) ? declaredCrs(json.crs, info) : null;
    yield* readFeatures(features, 0, info, { umap: umapLayerOf(json), crs });
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

/** The projection a GeoJSON `crs` member declares, when it is one this import converts. */
export function declaredCrs(crs: unknown, info: ParseInfo): ProjectedCrs | null {
  const code = crsCode(crs);
  if (code === 2154 || code === 3857) return code;
  // 4326, 4171 (RGF93) and CRS84 are longitude/latitude already.
  if (code !== null && code !== 4326 && code !== 4171) {
    info.warnings.push(
      `coordinates are in EPSG:${code}, which this import cannot convert to longitude/latitude`,
    );
  }
  return null;
}

export interface ReadOptions {
  /** Properties every row of this collection gets (a uMap layer's name). */
  extra?: Record<string, unknown>;
  /** The uMap datalayer the features come from. */
  umap?: UmapLayer | null;
  /** The projection of the coordinates, when they are not longitude/latitude. */
  crs?: ProjectedCrs | null;
}

/** Yields the Features of one collection; `offset` continues the row numbers of earlier layers. */
export function* readFeatures(
  features: unknown[],
  offset: number,
  info: ParseInfo,
  options: ReadOptions = {},
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
      ...options.extra,
      ...(isRecord(feature.properties) ? feature.properties : {}),
    };
    // uMap keeps its styling in the data; it is not the entry's.
    delete properties._umap_options;
    if (options.umap) adaptUmapProperties(properties, options.umap);
    for (const key of Object.keys(properties)) {
      if (columns.size < 500) columns.add(key);
    }
    const row: ParserOutput = {
      rowNumber,
      properties,
      geometry: geometryOf(feature.geometry, options.crs ?? null),
    };
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

function geometryOf(value: unknown, crs: ProjectedCrs | null): SourceGeometry | null {
  if (!isRecord(value) || typeof value.type !== 'string') return null;
  const geometry = value as unknown as SourceGeometry;
  return crs ? reprojectGeometry(geometry, crs) : geometry;
}
