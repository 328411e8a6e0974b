import type { EntryKind, EntryStatus } from '../../../server/contract/entry';

/** How the list is sorted; `relevance` is the search's own order and exists only with a query. */
export type SortOrder = 'name' | 'distance' | 'updated' | 'relevance';
export const SORT_ORDERS: readonly SortOrder[] = ['name', 'distance', 'updated', 'relevance'];

export const KINDS: readonly EntryKind[] = ['place', 'network', 'resource'];
export const STATUSES: readonly EntryStatus[] = ['published', 'pending', 'rejected', 'archived'];

/** The map's centre and zoom. */
export interface MapView {
  lng: number;
  lat: number;
  zoom: number;
}

/** Everything a link must carry to reopen the same view: filters, selection, map view, list order. */
export interface AppState {
  /** Entry kinds shown; empty means all. */
  kinds: EntryKind[];
  /** Theme slugs (a parent includes its children); any of them matches; empty means all. */
  themes: string[];
  /** A network's id: only its members (and itself). */
  network: string | null;
  /** Statuses shown (moderators); empty means every status the viewer may see. */
  statuses: EntryStatus[];
  /** Full-text search. */
  q: string;
  /** The entry open in the panel. */
  selected: string | null;
  /** Null until the map reports its first view, or when the link had none. */
  view: MapView | null;
  sort: SortOrder;
  /** True when the list shows only what the map shows; false for every entry that matches the filters. */
  inView: boolean;
}

export const INITIAL_STATE: AppState = {
  kinds: [],
  themes: [],
  network: null,
  statuses: [],
  q: '',
  selected: null,
  view: null,
  sort: 'name',
  inView: true,
};

/** True when some filter narrows the entries (the selection and the view are not filters). */
export function hasFilters(state: AppState): boolean {
  return (
    state.kinds.length > 0 ||
    state.themes.length > 0 ||
    state.network !== null ||
    state.statuses.length > 0 ||
    state.q.trim() !== ''
  );
}

/** Shallow equality of two states, comparing arrays and the view by value. */
export function sameState(a: AppState, b: AppState): boolean {
  return (
    sameList(a.kinds, b.kinds) &&
    sameList(a.themes, b.themes) &&
    a.network === b.network &&
    sameList(a.statuses, b.statuses) &&
    a.q === b.q &&
    a.selected === b.selected &&
    a.sort === b.sort &&
    a.inView === b.inView &&
    (a.view === b.view ||
      (a.view !== null &&
        b.view !== null &&
        a.view.lng === b.view.lng &&
        a.view.lat === b.view.lat &&
        a.view.zoom === b.view.zoom))
  );
}

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}
