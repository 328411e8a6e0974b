import type { EntryCollection } from '../../../server/contract/entry';
import { entriesSearchParams } from '../../lib/api';
import { getJson } from '../../lib/http';
import type { Store } from '../../lib/store';
import { debounce } from '../../lib/store';
import type { EntryStore } from '../entries/entry-store';
import type { FilterLookups } from '../entries/entry-view';
import type { AppState } from '../url-state/app-state';

/** How long typing must pause before the search asks the API. */
export const SEARCH_DELAY_MS = 200;
/** The search's best matches, at most. */
const SEARCH_MAX = 1_000;
/** A network's members, at most. */
const MEMBERS_MAX = 10_000;

export interface SearchProgress {
  state: 'idle' | 'searching' | 'done' | 'error';
  q: string;
  count: number;
  error?: unknown;
}

/**
 * What the filters must ask the API: the text search (French full text, ranked, accent-insensitive: the
 * client cannot do it as well) and a network's members (relations are not in the list answers). Their
 * entries are added to the store, so a match outside the loaded area still shows.
 */
export class ApiLookups implements FilterLookups {
  private memberIds: ReadonlySet<string> | null = null;
  private membersOf: string | null = null;
  private matchIds: ReadonlyMap<string, number> | null = null;
  private matchesFor = '';
  private readonly listeners = new Set<() => void>();
  private searchController: AbortController | null = null;
  private membersController: AbortController | null = null;
  private readonly searchLater = debounce((q: string) => void this.search(q), SEARCH_DELAY_MS);

  constructor(
    private readonly store: EntryStore,
    state: Store<AppState>,
    private readonly onSearch: (progress: SearchProgress) => void,
  ) {
    state.subscribe((value) => this.sync(value));
    this.sync(state.get(), true);
  }

  members(): ReadonlySet<string> | null {
    return this.memberIds;
  }

  /** The previous results stay until the new ones arrive, so the list never blinks empty while typing. */
  matches(): ReadonlyMap<string, number> | null {
    return this.matchIds;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private sync(state: AppState, initial = false): void {
    const q = state.q.trim();
    if (q !== this.matchesFor) {
      this.matchesFor = q;
      if (!q) {
        this.searchLater.cancel();
        this.searchController?.abort();
        this.matchIds = null;
        this.onSearch({ state: 'idle', q, count: 0 });
        this.changed();
      } else if (initial) void this.search(q);
      else this.searchLater(q);
    }
    if (state.network !== this.membersOf) {
      this.membersOf = state.network;
      this.membersController?.abort();
      this.memberIds = null;
      if (state.network) void this.loadMembers(state.network);
      else this.changed();
    }
  }

  private async search(q: string): Promise<void> {
    this.searchController?.abort();
    const controller = new AbortController();
    this.searchController = controller;
    this.onSearch({ state: 'searching', q, count: this.matchIds?.size ?? 0 });
    try {
      const page = await getJson<EntryCollection>(
        `/api/entries?${entriesSearchParams({ q }, SEARCH_MAX, null)}`,
        controller.signal,
      );
      if (controller.signal.aborted) return;
      this.store.upsert(page.features);
      this.matchIds = new Map(page.features.map((feature, rank) => [feature.id, rank]));
      this.onSearch({ state: 'done', q, count: page.features.length });
      this.changed();
    } catch (error) {
      if (controller.signal.aborted) return;
      this.onSearch({ state: 'error', q, count: 0, error });
    }
  }

  private async loadMembers(network: string): Promise<void> {
    const controller = new AbortController();
    this.membersController = controller;
    const ids = new Set<string>();
    let cursor: string | null = null;
    try {
      do {
        const params = entriesSearchParams({ network }, 1_000, cursor);
        const page: EntryCollection = await getJson<EntryCollection>(
          `/api/entries?${params}`,
          controller.signal,
        );
        this.store.upsert(page.features);
        for (const feature of page.features) ids.add(feature.id);
        cursor = page.next && page.next !== cursor ? page.next : null;
      } while (cursor && ids.size < MEMBERS_MAX);
    } catch (error) {
      if (controller.signal.aborted) return;
      console.warn('the network members could not be loaded', error);
    }
    if (controller.signal.aborted) return;
    this.memberIds = ids;
    this.changed();
  }

  private changed(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
