import type { EntryCollection, EntryFeature } from '../../../server/contract/entry';
import { type EntriesQuery, entriesSearchParams } from '../../lib/api';
import { ApiError, problemFromResponse } from '../../lib/api-error';
import type { EmbedParams } from './embed-params';

/** An embed shows at most this many entries (the list shows fewer, see embed-list.ts). */
export const EMBED_MAX_ENTRIES = 20_000;
const FIRST_PAGE = 250;

/** The API filters of an embed (its view parameters move the map, they do not filter). */
export function embedQuery(params: EmbedParams): EntriesQuery {
  return {
    ...(params.kinds.length > 0 ? { kind: params.kinds } : {}),
    ...(params.themes.length > 0 ? { theme: params.themes } : {}),
    ...(params.network ? { network: params.network } : {}),
    ...(params.workshop ? { workshop: params.workshop } : {}),
    ...(params.q ? { q: params.q } : {}),
    // With a token, the viewer's pending entries (or all of them for a facilitator) but never rejected ones.
    ...(params.token ? { status: ['published', 'pending'] as const } : {}),
  };
}

/** True when some filter can only be checked by the API (a theme's children, a network, the text search). */
export function needsServerCheck(params: EmbedParams): boolean {
  return params.themes.length > 0 || params.network !== null || params.workshop !== null || params.q !== '';
}

/** GET /api/entries, page after page, with the embed's token when it has one. */
export async function fetchEntries(
  query: EntriesQuery,
  token: string | null,
  max = EMBED_MAX_ENTRIES,
  onPage?: (features: readonly EntryFeature[]) => void,
): Promise<EntryCollection> {
  const features: EntryFeature[] = [];
  let cursor: string | null = null;
  do {
    // A small first page: the first places are drawn while the bigger pages follow.
    const pageSize = features.length === 0 ? FIRST_PAGE : 1000;
    const params = entriesSearchParams(query, Math.min(pageSize, max - features.length), cursor);
    const headers: Record<string, string> = { accept: 'application/geo+json, application/json;q=0.9' };
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await fetch(`/api/entries?${params}`, { headers });
    if (!response.ok) throw new ApiError(await problemFromResponse(response));
    const page = (await response.json()) as EntryCollection;
    features.push(...page.features);
    onPage?.(page.features);
    cursor = page.next && page.next !== cursor ? page.next : null;
  } while (cursor !== null && features.length < max);
  return { type: 'FeatureCollection', features, next: cursor };
}

/**
 * Which of these changed entries match the embed's filters. The kind is checked here; the other filters
 * (a theme includes its children, a network its members, the French full-text search) are asked of the API:
 * the entries changed since the oldest of them, with the same filters.
 */
export function embedFilter(params: EmbedParams) {
  return async (entries: readonly EntryFeature[]): Promise<ReadonlySet<string>> => {
    const ofKind = entries.filter(
      (entry) => params.kinds.length === 0 || params.kinds.includes(entry.properties.kind),
    );
    if (!needsServerCheck(params) || ofKind.length === 0) return new Set(ofKind.map((entry) => entry.id));
    // ISO 8601 instants in UTC sort as text.
    const since = ofKind.map((entry) => entry.properties.updatedAt).sort()[0]!;
    try {
      const matching = await fetchEntries(
        { ...embedQuery(params), updatedSince: since },
        params.token,
        5_000,
      );
      return new Set(matching.features.map((entry) => entry.id));
    } catch (error) {
      // Without an answer, keep what is shown as it is rather than guess.
      console.warn('embed: could not check live changes against the filters', error);
      return new Set();
    }
  };
}
