import type { EntryFeature, EntryKind, EntryStatus } from '../../../server/contract/entry';
import type { ThemeIndex } from '../themes/theme-index';
import type { AppState } from '../url-state/app-state';

/**
 * The filters of the state, compiled for the loaded entries: applying them on the client keeps a filter
 * change well under 100 ms, with no request, for the whole loaded set.
 */
export interface EntryFilter {
  kinds: ReadonlySet<EntryKind> | null;
  themes: ReadonlySet<string> | null;
  statuses: ReadonlySet<EntryStatus> | null;
  /** The network's members (the network filter), once known; null when there is no network filter. */
  members: ReadonlySet<string> | null;
  /** The ids the text search found, with their rank (0 is the best); null without a query. */
  matches: ReadonlyMap<string, number> | null;
}

/** Compiles the filters; `members` and `matches` come from the API (network members, search results). */
export function compileFilter(
  state: Pick<AppState, 'kinds' | 'themes' | 'statuses' | 'network' | 'q'>,
  themes: ThemeIndex,
  lookups: { members: ReadonlySet<string> | null; matches: ReadonlyMap<string, number> | null },
): EntryFilter {
  return {
    kinds: state.kinds.length > 0 ? new Set(state.kinds) : null,
    themes: state.themes.length > 0 ? themes.expand(state.themes) : null,
    statuses: state.statuses.length > 0 ? new Set(state.statuses) : null,
    members: state.network ? (lookups.members ?? new Set()) : null,
    matches: state.q.trim() ? (lookups.matches ?? new Map()) : null,
  };
}

export function matchesFilter(entry: EntryFeature, filter: EntryFilter): boolean {
  const p = entry.properties;
  if (filter.kinds && !filter.kinds.has(p.kind)) return false;
  if (filter.statuses && !filter.statuses.has(p.status)) return false;
  if (filter.themes && !p.themes.some((slug) => filter.themes?.has(slug))) return false;
  if (filter.members && !filter.members.has(entry.id)) return false;
  if (filter.matches && !filter.matches.has(entry.id)) return false;
  return true;
}

/** The entries that match, in the given order. */
export function applyFilter(entries: readonly EntryFeature[], filter: EntryFilter): EntryFeature[] {
  const noFilter = !filter.kinds && !filter.themes && !filter.statuses && !filter.members && !filter.matches;
  return noFilter ? [...entries] : entries.filter((entry) => matchesFilter(entry, filter));
}
