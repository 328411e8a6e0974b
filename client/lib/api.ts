import type { EntryCollection, EntryKind, EntryStatus } from '../../server/contract/entry';
import type { Health } from '../../server/contract/health';
import type { ThemeTree } from '../../server/contract/theme';
import { getJson, unexpectedAnswer } from './http';

export { ApiError, CLIENT_PROBLEMS } from './api-error';

/** The filters of `GET /api/entries` (DESIGN §3); a repeated filter matches any of its values. */
export interface EntriesQuery {
  kind?: EntryKind | readonly EntryKind[];
  theme?: readonly string[];
  network?: string;
  status?: EntryStatus | readonly EntryStatus[];
  /** West, south, east, north. */
  bbox?: readonly [number, number, number, number];
  near?: { lng: number; lat: number; meters: number };
  q?: string;
  workshop?: string;
  updatedSince?: string;
}

export interface GetEntriesOptions {
  /** Entries per request; the API's maximum is 1000 (`PAGE.max` in the contract, a value the client does not import). */
  pageSize?: number;
  /** Stop after this many entries; the answer's `next` then holds the cursor to carry on. */
  maxEntries?: number;
  signal?: AbortSignal;
  /** Called after each page with the number of entries loaded so far. */
  onProgress?: (loaded: number) => void;
}

const API = '/api';

/**
 * All the entries that match `query`, following the `next` cursors page after page up to `maxEntries`.
 * The answer has the contract's shape; its `next` is null unless the cap was reached first.
 */
export async function getEntries(
  query: EntriesQuery = {},
  options: GetEntriesOptions = {},
): Promise<EntryCollection> {
  const { pageSize = 1000, maxEntries = 20_000, signal, onProgress } = options;
  const features: EntryCollection['features'] = [];
  let cursor: string | null = null;
  do {
    const params = entriesSearchParams(query, Math.min(pageSize, maxEntries - features.length), cursor);
    const page = await getJson<EntryCollection>(`${API}/entries?${params}`, signal);
    if (page.type !== 'FeatureCollection' || !Array.isArray(page.features)) {
      throw unexpectedAnswer(`${API}/entries`);
    }
    features.push(...page.features);
    onProgress?.(features.length);
    // A cursor that does not move would loop for ever: treat it as the end.
    cursor = page.next && page.next !== cursor ? page.next : null;
  } while (cursor !== null && features.length < maxEntries);
  return { type: 'FeatureCollection', features, next: cursor };
}

/** The query string of one page of `GET /api/entries`. */
export function entriesSearchParams(
  query: EntriesQuery,
  limit: number,
  cursor: string | null,
): URLSearchParams {
  const params = new URLSearchParams();
  for (const kind of [query.kind ?? []].flat()) params.append('kind', kind);
  for (const theme of query.theme ?? []) params.append('theme', theme);
  if (query.network) params.set('network', query.network);
  for (const status of [query.status ?? []].flat()) params.append('status', status);
  if (query.bbox) params.set('bbox', query.bbox.join(','));
  if (query.near) params.set('near', `${query.near.lng},${query.near.lat},${query.near.meters}`);
  if (query.q) params.set('q', query.q);
  if (query.workshop) params.set('workshop', query.workshop);
  if (query.updatedSince) params.set('updatedSince', query.updatedSince);
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return params;
}

export function getHealth(signal?: AbortSignal): Promise<Health> {
  return getJson<Health>(`${API}/health`, signal);
}

export async function getThemes(signal?: AbortSignal): Promise<ThemeTree> {
  const tree = await getJson<ThemeTree>(`${API}/themes`, signal);
  if (!Array.isArray(tree.themes)) throw unexpectedAnswer(`${API}/themes`);
  return tree;
}
