import { type Kysely, type RawBuilder, sql } from 'kysely';

// Typed SQL helpers for PostGIS. Geometries travel between the app and the database as GeoJSON text:
// ST_GeomFromGeoJSON on the way in, ST_AsGeoJSON on the way out (node-postgres parses the json type).

/** A GeoJSON geometry as PostGIS reads and writes it. */
export interface GeoJsonGeometry {
  type: string;
  coordinates: unknown;
}

/** Decimal digits kept when reading coordinates: 7 is about a centimetre. */
export const COORDINATE_DIGITS = 7;

/** `column` read as parsed GeoJSON, or null. */
export function asGeoJson<T extends GeoJsonGeometry>(
  column: RawBuilder<unknown> | string,
): RawBuilder<T | null> {
  const ref = typeof column === 'string' ? sql.ref(column) : column;
  return sql<T | null>`ST_AsGeoJSON(${ref}, ${sql.lit(COORDINATE_DIGITS)})::json`;
}

/** A GeoJSON geometry as a 2D PostGIS geometry in WGS84 (an altitude is dropped). */
export function fromGeoJson(geometry: GeoJsonGeometry): RawBuilder<string> {
  return sql<string>`ST_SetSRID(ST_Force2D(ST_GeomFromGeoJSON(${JSON.stringify(geometry)})), 4326)`;
}

/** A Polygon or MultiPolygon as a MultiPolygon. */
export function multiPolygonFromGeoJson(geometry: GeoJsonGeometry): RawBuilder<string> {
  return sql<string>`ST_Multi(${fromGeoJson(geometry)})`;
}

/** The point `lng, lat` in WGS84. */
export function makePoint(lng: number, lat: number): RawBuilder<string> {
  return sql<string>`ST_SetSRID(ST_MakePoint(${lng}::float8, ${lat}::float8), 4326)`;
}

/** The rectangle `west, south, east, north` in WGS84. */
export function makeEnvelope(west: number, south: number, east: number, north: number): RawBuilder<string> {
  return sql<string>`ST_MakeEnvelope(${west}::float8, ${south}::float8, ${east}::float8, ${north}::float8, 4326)`;
}

/** Whether a geometry is valid for PostGIS, and why not (ST_IsValidReason) when it is not. */
export async function checkValidity<DB>(
  db: Kysely<DB>,
  geometry: GeoJsonGeometry,
): Promise<{ valid: true } | { valid: false; reason: string }> {
  const { rows } = await sql<{ valid: boolean; reason: string }>`
    SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason
    FROM (SELECT ST_GeomFromGeoJSON(${JSON.stringify(geometry)}) AS g) AS input`.execute(db);
  const row = rows[0];
  return row?.valid ? { valid: true } : { valid: false, reason: row?.reason ?? 'invalid geometry' };
}

/** The PostGIS version, e.g. "3.5.2". */
export async function postgisVersion<DB>(db: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{ version: string }>`SELECT postgis_lib_version() AS version`.execute(db);
  return rows[0]?.version ?? '';
}
