import { pointOnFeature } from '@turf/turf';
import wkx from 'wkx';
import { isRecord, type ParsedRow, type SourceGeometry } from './formats/format';
import { guessProjection, looksProjected, toLngLat } from './formats/reproject';
import { columnKey } from './mapping-extras';
import { readPath, text } from './values';

/** Where a row is, or why it cannot be placed; `note` says what was done to find it, for the report. */
export type Position = { lng: number | null; lat: number | null; note?: string } | 'invalid';

const NONE = { lng: null, lat: null } as const;

// Columns that hold both coordinates in one value ("48.85, 2.35", `{lat, lon}`, `[lng, lat]`), as
// OpenDataSoft (`geo_point_2d`), spreadsheets ("coordonnées GPS") and APIs write them. Read when the
// mapping names no coordinate column.
const PAIR_COLUMNS = [
  'geo_point_2d',
  'geo_point',
  'geopoint',
  'coordonnees',
  'coordonnees_gps',
  'coordonnees_geographiques',
  'coordinates',
  'coords',
  'latlng',
  'latlon',
  'lat_lon',
  'lat_lng',
  'lonlat',
  'lnglat',
  'lon_lat',
  'lng_lat',
  'pointgeo',
  'point_geo',
  'geolocalisation',
  'localisation',
  'location',
  'position',
  'gps',
  'geo',
];
// Names that put the longitude first (GeoJSON's order); every other pair is read latitude first.
const LONGITUDE_FIRST = new Set(['coordinates', 'lonlat', 'lnglat', 'lon_lat', 'lng_lat']);

/**
 * A row's point: its own geometry first, then the latitude/longitude columns, then a column holding
 * both (WKT, EWKB, GeoJSON, "lat, lon"). Values in Lambert-93 or Web Mercator metres are converted.
 */
export function positionOf(
  row: ParsedRow,
  columns: { latitude?: string | null; longitude?: string | null; wkt?: string | null },
): Position {
  if (row.geometry) return pointOfGeometry(row.geometry);
  const read = (column: string | null | undefined) => (column ? readPath(row.properties, column) : undefined);
  const lat = read(columns.latitude);
  const lng = read(columns.longitude);
  const combined = read(columns.wkt);
  // One column mapped as both latitude and longitude holds the pair.
  if (columns.latitude && columns.latitude === columns.longitude) return pairPosition(lat, false);
  if (lat !== undefined || lng !== undefined) {
    const position = fromColumns(lat, lng);
    // A broken latitude ("41.93414,8") may sit beside a column that holds the pair whole.
    if (position !== 'invalid') return position;
    return pairColumn(row.properties, 'the latitude/longitude columns are not numbers') ?? 'invalid';
  }
  if (combined !== undefined) return pairPosition(combined, false);
  return pairColumn(row.properties, null) ?? NONE;
}

function pairColumn(properties: Record<string, unknown>, why: string | null): Position | null {
  for (const key in properties) {
    const name = columnKey(key);
    const value = properties[key];
    if (!PAIR_COLUMNS.includes(name) || value === null || value === '') continue;
    const position = pairPosition(value, LONGITUDE_FIRST.has(name));
    if (position !== 'invalid' && position.lng !== null) {
      const note = `coordinates read from the "${key}" column${why ? ` (${why})` : ''}`;
      return { ...position, note: position.note ?? note };
    }
  }
  return null;
}

function fromColumns(latValue: unknown, lngValue: unknown): Position {
  const lat = coordinateOf(latValue);
  const lng = coordinateOf(lngValue);
  if (lat === 'invalid' || lng === 'invalid') return 'invalid';
  if (lat === null || lng === null) return NONE;
  return checked(lng, lat);
}

const PLACEHOLDER = /^([\s\-–—?.;,/\\_*]*|n\/?[acd]|inconnue?|aucune?|none|nan|vide|x)$/i;

/** A number from a coordinate cell: `47,21` (French decimal comma), `47.21°`, `N 47.21`, `47°12'36"N`. */
export function coordinateOf(value: unknown): number | null | 'invalid' {
  if (typeof value === 'number') return Number.isFinite(value) ? value : 'invalid';
  const t = text(value);
  // "-", "NC", "?", ";": nothing to place the row with, which is not an error in the row.
  if (t === null || PLACEHOLDER.test(t)) return null;
  const dms =
    /^([NSEWO])?\s*(-?\d+(?:[.,]\d+)?)\s*°\s*(?:(\d+(?:[.,]\d+)?)\s*['′]\s*)?(?:(\d+(?:[.,]\d+)?)\s*(?:"|″|''))?\s*([NSEWO])?$/i.exec(
      t,
    );
  if (dms) {
    const [, before, d, m, s, after] = dms;
    const degrees = Math.abs(num(d)) + num(m) / 60 + num(s) / 3600;
    const hemisphere = (before ?? after ?? '').toUpperCase();
    const negative = num(d) < 0 || hemisphere === 'S' || hemisphere === 'W' || hemisphere === 'O';
    return negative ? -degrees : degrees;
  }
  const signed = /^([NSEWO])\s*(\S+)$|^(\S+)\s*([NSEWO])$/i.exec(t);
  const body = signed ? (signed[2] ?? signed[3] ?? '') : t;
  // Spaces group thousands in French ("6 692 424,5"); a comma is the decimal separator there.
  const n = Number(body.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));
  if (!Number.isFinite(n)) return 'invalid';
  const hemisphere = (signed?.[1] ?? signed?.[4] ?? '').toUpperCase();
  return hemisphere === 'S' || hemisphere === 'W' || hemisphere === 'O' ? -Math.abs(n) : n;
}

function num(value: string | undefined): number {
  return value ? Number(value.replace(',', '.')) : 0;
}

/** Longitude/latitude within bounds; metres in a known projection are converted first. */
function checked(lng: number, lat: number): Position {
  if (!Number.isFinite(lng) || !Number.isFinite(lat)) return 'invalid';
  let note: string | undefined;
  if (looksProjected(lng, lat)) {
    const crs = guessProjection(lng, lat);
    if (!crs) return 'invalid';
    [lng, lat] = toLngLat(crs, lng, lat);
    note = 'coordinates converted from Lambert-93 (EPSG:2154)';
  }
  if (lng < -180 || lng > 180 || lat < -90 || lat > 90) return 'invalid';
  // (0, 0) is where a missing position lands in many tools: treat it as no position.
  if (lng === 0 && lat === 0) return NONE;
  return { lng: round7(lng), lat: round7(lat), ...(note ? { note } : {}) };
}

function round7(n: number): number {
  return Math.round(n * 1e7) / 1e7;
}

/** A value holding a whole position: WKT, hex EWKB, GeoJSON, an object or a "lat, lon" text. */
function pairPosition(value: unknown, longitudeFirst: boolean): Position {
  if (isRecord(value)) {
    if (value.type === 'Feature')
      return isRecord(value.geometry) ? pairPosition(value.geometry, false) : NONE;
    if (typeof value.type === 'string') return pointOfGeometry(value as unknown as SourceGeometry);
    const lat = value.lat ?? value.latitude ?? value.y;
    const lng = value.lon ?? value.lng ?? value.long ?? value.longitude ?? value.x;
    return lat === undefined || lng === undefined ? NONE : fromColumns(lat, lng);
  }
  if (Array.isArray(value)) return orderedPair(value[0], value[1], longitudeFirst);
  const t = text(value);
  if (t === null) return NONE;
  if (/^\s*(SRID=\d+;)?\s*(MULTI)?(POINT|POLYGON|LINESTRING)|^\s*GEOMETRYCOLLECTION/i.test(t)) {
    return fromWkx(() => wkx.Geometry.parse(t));
  }
  if (/^[0-9a-f]{18,}$/i.test(t) && t.length % 2 === 0) {
    return fromWkx(() => wkx.Geometry.parse(Buffer.from(t, 'hex')));
  }
  if (t.startsWith('{')) {
    try {
      return pairPosition(JSON.parse(t), longitudeFirst);
    } catch {
      return 'invalid';
    }
  }
  const parts = t.replace(/^\[|\]$/g, '').split(/\s*[,;]\s*|\s+/);
  if (parts.length !== 2) return /\d/.test(t) ? 'invalid' : NONE;
  return orderedPair(parts[0], parts[1], longitudeFirst || t.startsWith('['));
}

// Without a name to tell, a value beyond ±90 can only be the longitude.
function orderedPair(a: unknown, b: unknown, longitudeFirst: boolean): Position {
  const first = coordinateOf(a);
  const second = coordinateOf(b);
  if (first === 'invalid' || second === 'invalid') return 'invalid';
  if (first === null || second === null) return NONE;
  const swap = longitudeFirst ? Math.abs(second) <= 90 || Math.abs(first) > 180 : Math.abs(first) > 90;
  return swap ? checked(first, second) : checked(second, first);
}

function fromWkx(parse: () => wkx.Geometry): Position {
  try {
    return pointOfGeometry(parse().toGeoJSON() as SourceGeometry);
  } catch {
    return 'invalid';
  }
}

/** A point for any geometry: the point itself, or a point inside a line or polygon. */
export function pointOfGeometry(geometry: SourceGeometry): Position {
  const positions = allPositions(geometry.coordinates ?? geometry.geometries);
  if (positions.length === 0) return NONE;
  if (geometry.type === 'Point') {
    const [lng, lat] = positions[0] as [number, number];
    return checked(lng, lat);
  }
  const converted = { note: `${geometry.type} geometry replaced by a point inside it` };
  let lng: number;
  let lat: number;
  try {
    const point = pointOnFeature({ type: 'Feature', properties: {}, geometry } as Parameters<
      typeof pointOnFeature
    >[0]);
    [lng, lat] = point.geometry.coordinates as [number, number];
  } catch {
    // An unclosed ring or a mixed collection: the middle of its bounding box still locates it.
    const lngs = positions.map((p) => p[0]);
    const lats = positions.map((p) => p[1]);
    lng = (Math.min(...lngs) + Math.max(...lngs)) / 2;
    lat = (Math.min(...lats) + Math.max(...lats)) / 2;
  }
  const position = checked(lng, lat);
  return position === 'invalid' || position.lng === null ? position : { ...position, ...converted };
}

// Every [x, y] of a geometry's coordinates (or a collection's geometries), numbers taken from strings.
function allPositions(value: unknown, out: Array<[number, number]> = []): Array<[number, number]> {
  if (out.length > 100_000 || !Array.isArray(value)) return out;
  if (value.length >= 2 && !Array.isArray(value[0]) && !isRecord(value[0])) {
    out.push([Number(value[0]), Number(value[1])]);
    return out;
  }
  for (const item of value) {
    if (isRecord(item)) allPositions(item.coordinates ?? item.geometries, out);
    else allPositions(item, out);
  }
  return out;
}
