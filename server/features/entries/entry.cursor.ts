// Keyset cursors: the sort value and id of the last entry of a page, so the next page starts strictly after
// it whatever was inserted meanwhile. Opaque to clients (base64url JSON), and bound to the sort order.

/** How a list is sorted: oldest first, nearest first (`near`), or best match first (`q`). */
export type ListOrder = 'created' | 'distance' | 'rank';

export interface Cursor {
  order: ListOrder;
  /** The sort value: an ISO timestamp with microseconds, a distance in meters, or a rank. */
  value: string | number;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.order, cursor.value, cursor.id])).toString('base64url');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** The cursor of `text` if it is one of ours for this order; null otherwise. */
export function decodeCursor(text: string, order: ListOrder): Cursor | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [kind, value, id] = parsed as [unknown, unknown, unknown];
  if (kind !== order || typeof id !== 'string' || !UUID.test(id)) return null;
  if (order === 'created')
    return typeof value === 'string' && TIMESTAMP.test(value) ? { order, value, id } : null;
  return typeof value === 'number' && Number.isFinite(value) ? { order, value, id } : null;
}
