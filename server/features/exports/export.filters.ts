import { type RawBuilder, sql } from 'kysely';
import { type Static, Type } from 'typebox';
import { EntryKind, EntryStatus, NEAR_MAX_METERS } from '../../contract/entry';
import type { FieldError } from '../../contract/problem';
import { textQuery } from '../entries/entry.list';

/** The filters of GET /api/entries that an export takes (no paging: an export is the whole selection). */
export const ExportQuery = Type.Object({
  kind: Type.Optional(Type.Array(EntryKind)),
  theme: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { maxItems: 50 })),
  status: Type.Optional(Type.Array(EntryStatus)),
  bbox: Type.Optional(Type.String({ maxLength: 200, description: 'west,south,east,north' })),
  near: Type.Optional(Type.String({ maxLength: 100, description: 'lng,lat,meters' })),
  q: Type.Optional(Type.String({ maxLength: 200 })),
  network: Type.Optional(Type.String({ format: 'uuid' })),
  workshop: Type.Optional(Type.String({ maxLength: 40 })),
  updatedSince: Type.Optional(Type.String({ format: 'date-time' })),
});
export type ExportQuery = Static<typeof ExportQuery>;

/**
 * The WHERE clause of an export over `entries e`: published entries by default (other statuses for
 * moderators only), never deleted ones. Returns field errors for a malformed bbox.
 */
export function exportWhere(query: ExportQuery): { where: RawBuilder<boolean> } | { errors: FieldError[] } {
  const parts: RawBuilder<boolean>[] = [sql<boolean>`e.deleted_at IS NULL`];
  const statuses = query.status?.length ? [...new Set(query.status)] : ['published'];
  parts.push(sql<boolean>`e.status = ANY(${statuses}::text[])`);
  if (query.kind?.length) parts.push(sql<boolean>`e.kind = ANY(${[...new Set(query.kind)]}::text[])`);
  if (query.theme?.length) {
    // A parent theme includes its children.
    parts.push(sql<boolean>`e.id IN (SELECT et.entry_id FROM entry_themes et WHERE et.theme_id IN (
      SELECT t.id FROM themes t LEFT JOIN themes p ON p.id = t.parent_id
      WHERE t.slug = ANY(${query.theme}::text[]) OR p.slug = ANY(${query.theme}::text[])))`);
  }
  if (query.bbox !== undefined) {
    const box = parseBbox(query.bbox);
    if ('error' in box) return { errors: [{ path: '/query/bbox', message: box.error }] };
    const envelopes = box.boxes.map(
      ([w, s, e, n]) => sql`ST_MakeEnvelope(${w}::float8, ${s}::float8, ${e}::float8, ${n}::float8, 4326)`,
    );
    parts.push(
      sql<boolean>`(${sql.join(
        envelopes.map((b) => sql`e.geom && ${b} OR e.area && ${b}`),
        sql` OR `,
      )})`,
    );
  }
  if (query.near !== undefined) {
    const near = parseNear(query.near);
    if ('error' in near) return { errors: [{ path: '/query/near', message: near.error }] };
    const point = sql`ST_SetSRID(ST_MakePoint(${near.lng}::float8, ${near.lat}::float8), 4326)`;
    const dy = (near.meters / 111_320) * 1.01;
    const cos = Math.cos((near.lat * Math.PI) / 180);
    const dx = cos > 0.01 ? Math.min(180, dy / cos) : 180;
    parts.push(sql<boolean>`e.geom && ST_Expand(${point}, ${dx}::float8, ${dy}::float8)
      AND ST_DWithin(e.geom::geography, ${point}::geography, ${near.meters}::float8)`);
  }
  // The same French full-text query as GET /api/entries.
  if (query.q?.trim()) parts.push(sql<boolean>`e.search @@ ${textQuery(query.q.trim())}`);
  if (query.network) {
    parts.push(sql<boolean>`e.id IN (SELECT r.from_id FROM relations r
      WHERE r.type = 'member_of' AND r.to_id = ${query.network}::uuid)`);
  }
  if (query.workshop) {
    parts.push(sql<boolean>`e.workshop_id IN (SELECT w.id FROM workshops w
      WHERE w.id::text = ${query.workshop} OR w.code = ${query.workshop})`);
  }
  if (query.updatedSince) parts.push(sql<boolean>`e.updated_at >= ${query.updatedSince}::timestamptz`);
  return { where: sql<boolean>`${sql.join(parts, sql` AND `)}` };
}

function parseNear(text: string): { lng: number; lat: number; meters: number } | { error: string } {
  const values = text.split(',').map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  if (values.length !== 3 || values.some((v) => !Number.isFinite(v)))
    return { error: 'must be 3 comma-separated numbers' };
  const [lng, lat, meters] = values as [number, number, number];
  if (lng < -180 || lng > 180) return { error: 'longitude must be within [-180, 180]' };
  if (lat < -90 || lat > 90) return { error: 'latitude must be within [-90, 90]' };
  if (!(meters > 0) || meters > NEAR_MAX_METERS)
    return { error: `the distance must be more than 0 and at most ${NEAR_MAX_METERS} meters` };
  return { lng, lat, meters };
}

function parseBbox(text: string): { boxes: [number, number, number, number][] } | { error: string } {
  const values = text.split(',').map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  if (values.length !== 4 || values.some((v) => !Number.isFinite(v)))
    return { error: 'must be 4 comma-separated numbers' };
  const [w, s, e, n] = values as [number, number, number, number];
  if ([w, e].some((x) => x < -180 || x > 180)) return { error: 'longitudes must be within [-180, 180]' };
  if ([s, n].some((y) => y < -90 || y > 90)) return { error: 'latitudes must be within [-90, 90]' };
  if (s > n) return { error: 'south must not be greater than north' };
  // A box that crosses the antimeridian is two boxes.
  return w <= e
    ? { boxes: [[w, s, e, n]] }
    : {
        boxes: [
          [w, s, 180, n],
          [-180, s, e, n],
        ],
      };
}
