import { isRecord, type SourceGeometry } from './format';
import { fromSchemaOrg } from './schema-org';

// Record lists that tools wrap their own way. Each adapter returns the record's flat properties and its
// geometry, or null when the record is not of its shape.

/** A record's properties and geometry, and its own id when it has one. */
export interface Unwrapped {
  properties: Record<string, unknown>;
  geometry: SourceGeometry | null;
  sourceRef?: string;
  entryId?: string;
}

const OSM_TYPES = new Set(['node', 'way', 'relation']);

// Overpass API JSON: `{type, id, lat, lon | center | bounds, tags}`; the tags are the place's fields.
function fromOverpass(record: Record<string, unknown>): Unwrapped | null {
  if (!OSM_TYPES.has(String(record.type)) || !isRecord(record.tags) || record.id === undefined) return null;
  const ref = `${record.type}/${record.id}`;
  const center = isRecord(record.center) ? record.center : record;
  let lat = Number(center.lat);
  let lon = Number(center.lon);
  if (!Number.isFinite(lat) && isRecord(record.bounds)) {
    const b = record.bounds;
    lat = (Number(b.minlat) + Number(b.maxlat)) / 2;
    lon = (Number(b.minlon) + Number(b.maxlon)) / 2;
  }
  return {
    properties: { ...record.tags, id: ref },
    geometry:
      Number.isFinite(lat) && Number.isFinite(lon) ? { type: 'Point', coordinates: [lon, lat] } : null,
    sourceRef: ref,
  };
}

// OpenDataSoft's records export: `{datasetid, recordid, fields: {…}, geometry}`.
function fromOpenDataSoft(record: Record<string, unknown>): Unwrapped | null {
  if (!isRecord(record.fields) || typeof record.recordid !== 'string') return null;
  return {
    properties: { ...record.fields },
    geometry: geometryOf(record.geometry),
    sourceRef: record.recordid,
  };
}

function geometryOf(value: unknown): SourceGeometry | null {
  return isRecord(value) && typeof value.type === 'string' && value.coordinates !== undefined
    ? (value as unknown as SourceGeometry)
    : null;
}

/** A record as rows see it: unwrapped when a known tool wrapped it, as it is otherwise. */
export function unwrapRecord(record: Record<string, unknown>): Unwrapped {
  const adapted = fromOverpass(record) ?? fromOpenDataSoft(record) ?? fromSchemaOrg(record);
  if (adapted) return adapted;
  const { geometry, ...properties } = record;
  const shape = geometryOf(geometry);
  // A `geometry` that is text (WKT, "lat,lon") stays a column the mapping can read.
  if (!shape && typeof geometry === 'string') properties.geometry = geometry;
  return { properties, geometry: shape };
}
