import type { EntryKind, EntryListQuery, EntryStatus } from '../../contract/entry';
import { NEAR_MAX_METERS, PAGE } from '../../contract/entry';
import type { FieldError } from '../../contract/problem';
import { type Cursor, decodeCursor, type ListOrder } from './entry.cursor';

/** A parsed, checked list request; theme slugs and the workshop are resolved by the route. */
export interface ListSpec {
  kinds: EntryKind[] | null;
  themes: string[] | null;
  network: string | null;
  statuses: EntryStatus[] | null;
  /** One rectangle, or two when the box crosses the antimeridian. */
  bboxes: [number, number, number, number][] | null;
  near: { lng: number; lat: number; meters: number } | null;
  q: string | null;
  workshop: string | null;
  updatedSince: string | null;
  limit: number;
  order: ListOrder;
  after: Cursor | null;
}

export type ParseResult = { valid: true; spec: ListSpec } | { valid: false; errors: FieldError[] };

/** Checks what the schema cannot (number lists, ranges, the cursor); errors point at the query parameter. */
export function parseListQuery(query: EntryListQuery): ParseResult {
  const errors: FieldError[] = [];
  const bboxes = query.bbox === undefined ? null : parseBbox(query.bbox, errors);
  const near = query.near === undefined ? null : parseNear(query.near, errors);
  const q = query.q?.trim() || null;
  if (query.q !== undefined && !q) errors.push({ path: '/querystring/q', message: 'must not be blank' });
  const order: ListOrder = near ? 'distance' : q ? 'rank' : 'created';
  let after: Cursor | null = null;
  if (query.cursor !== undefined) {
    after = decodeCursor(query.cursor, order);
    if (!after)
      errors.push({ path: '/querystring/cursor', message: 'is not a cursor of this list (use its `next`)' });
  }
  if (errors.length > 0) return { valid: false, errors };
  return {
    valid: true,
    spec: {
      kinds: query.kind?.length ? [...new Set(query.kind)] : null,
      themes: query.theme?.length ? [...new Set(query.theme.map((t) => t.trim()))] : null,
      network: query.network ?? null,
      statuses: query.status?.length ? [...new Set(query.status)] : null,
      bboxes,
      near,
      q,
      workshop: query.workshop ?? null,
      updatedSince: query.updatedSince ?? null,
      limit: query.limit ?? PAGE.default,
      order,
      after,
    },
  };
}

function numbers(text: string, count: number, path: string, errors: FieldError[]): number[] | null {
  const parts = text.split(',');
  if (parts.length !== count) {
    errors.push({ path, message: `must be ${count} comma-separated numbers` });
    return null;
  }
  const values = parts.map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) {
    errors.push({ path, message: `"${parts[bad]}" is not a finite number` });
    return null;
  }
  return values;
}

function parseBbox(text: string, errors: FieldError[]): ListSpec['bboxes'] {
  const path = '/querystring/bbox';
  const v = numbers(text, 4, path, errors);
  if (!v) return null;
  const [w, s, e, n] = v as [number, number, number, number];
  if ([w, e].some((x) => x < -180 || x > 180))
    errors.push({ path, message: 'longitudes must be within [-180, 180]' });
  else if ([s, n].some((y) => y < -90 || y > 90))
    errors.push({ path, message: 'latitudes must be within [-90, 90]' });
  else if (s > n) errors.push({ path, message: 'south must not be greater than north' });
  else if (w <= e) return [[w, s, e, n]];
  else
    return [
      [w, s, 180, n],
      [-180, s, e, n],
    ];
  return null;
}

function parseNear(text: string, errors: FieldError[]): ListSpec['near'] {
  const path = '/querystring/near';
  const v = numbers(text, 3, path, errors);
  if (!v) return null;
  const [lng, lat, meters] = v as [number, number, number];
  if (lng < -180 || lng > 180) errors.push({ path, message: 'longitude must be within [-180, 180]' });
  else if (lat < -90 || lat > 90) errors.push({ path, message: 'latitude must be within [-90, 90]' });
  else if (!(meters > 0) || meters > NEAR_MAX_METERS) {
    errors.push({ path, message: `the distance must be more than 0 and at most ${NEAR_MAX_METERS} meters` });
  } else return { lng, lat, meters };
  return null;
}
