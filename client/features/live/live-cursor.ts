/** How long a remembered cursor is worth replaying from on a fresh page load; older ones start afresh. */
export const CURSOR_MAX_AGE_MS = 6 * 60 * 60 * 1000;

const PREFIX = 'atlas.live.cursor:';

interface StoredCursor {
  id: string;
  at: number;
}

/**
 * The last revision id this browser saw on a stream (one per workshop filter, `*` for the whole atlas).
 * EventSource sends `Last-Event-ID` by itself on a reconnect; this one covers a fresh page load.
 */
export function readCursor(scope: string, now = Date.now(), storage = safeStorage()): string | null {
  const raw = storage?.getItem(PREFIX + scope);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as Partial<StoredCursor>;
    if (typeof value.id !== 'string' || !/^[0-9]{1,18}$/.test(value.id)) return null;
    if (typeof value.at !== 'number' || now - value.at > CURSOR_MAX_AGE_MS) return null;
    return value.id;
  } catch {
    return null;
  }
}

export function writeCursor(scope: string, id: string, now = Date.now(), storage = safeStorage()): void {
  try {
    storage?.setItem(PREFIX + scope, JSON.stringify({ id, at: now } satisfies StoredCursor));
  } catch {
    // A full or disabled storage only costs a longer replay next time.
  }
}

/** True when `a` is a later revision id than `b` (ids are decimal strings of up to 18 digits). */
export function isAfter(a: string, b: string | null): boolean {
  if (b === null) return true;
  return a.length === b.length ? a > b : a.length > b.length;
}

function safeStorage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
