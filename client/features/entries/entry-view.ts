import type { EntryFeature } from '../../../server/contract/entry';
import type { Store } from '../../lib/store';
import type { AtlasMap, MapEntry } from '../../map/atlas-map';
import { sortEntries } from '../list/entry-sort';
import type { ThemeIndex } from '../themes/theme-index';
import { type AppState, hasFilters } from '../url-state/app-state';
import { applyFilter, compileFilter, type EntryFilter, matchesFilter } from './entry-filter';
import type { EntriesChange, EntryStore } from './entry-store';
import { toMapEntry } from './map-entries';

const NO_CONTEXT = { center: [0, 0] as const, ranks: null };

/** Results the filters need from the API: a network's members, the text search's matches. */
export interface FilterLookups {
  members(): ReadonlySet<string> | null;
  matches(): ReadonlyMap<string, number> | null;
  onChange(listener: () => void): () => void;
}

export interface EntryViewOptions {
  store: EntryStore;
  state: Store<AppState>;
  lookups: FilterLookups;
  map: AtlasMap | null;
}

/**
 * The loaded entries after the filters: what the map draws and what the list shows. A filter change
 * recomputes on the client and redraws the map once; a live change updates the map by `updateData`.
 * Each redraw is measured (`atlas:redraw`), and the first one marks `atlas:first-places` for the bench.
 */
export class EntryView {
  private filter: EntryFilter;
  private current: EntryFeature[] = [];
  private readonly listeners = new Set<(entries: readonly EntryFeature[]) => void>();
  private colors = new Map<string, string>();
  private themes: ThemeIndex;
  private firstDrawn = false;
  /** What the map holds now, by id: a filter change sends the map only the difference when that is smaller. */
  private drawn = new Map<string, MapEntry>();
  /** The loaded entries sorted by name, kept until they change: the list's default order costs nothing then. */
  private byName: { from: readonly EntryFeature[]; sorted: EntryFeature[] } | null = null;
  /** Each entry as the map draws it, kept until the colours change. */
  private mapEntries = new WeakMap<EntryFeature, MapEntry | null>();

  constructor(
    private readonly options: EntryViewOptions,
    themes: ThemeIndex,
  ) {
    this.themes = themes;
    this.filter = this.compile();
    options.store.subscribe((change) => this.storeChanged(change));
    options.lookups.onChange(() => this.refilter(true));
    options.state.subscribe((state, previous) => {
      if (
        state.kinds !== previous.kinds ||
        state.themes !== previous.themes ||
        state.statuses !== previous.statuses ||
        state.network !== previous.network ||
        state.q !== previous.q
      )
        this.refilter(true);
    });
  }

  /** The entries that match, sorted by name. */
  entries(): readonly EntryFeature[] {
    return this.current;
  }

  matches(entry: EntryFeature): boolean {
    return matchesFilter(entry, this.filter);
  }

  filtering(): boolean {
    return hasFilters(this.options.state.get());
  }

  /** The theme tree arrived (or changed): colours and theme filters depend on it. */
  setThemes(themes: ThemeIndex): void {
    this.themes = themes;
    this.colors = new Map(themes.ordered.map((theme) => [theme.slug, theme.color]));
    this.mapEntries = new WeakMap();
    this.refilter();
  }

  /** The entry as the map draws it, in its main theme's colour; null without a location. */
  toMapEntry(entry: EntryFeature): MapEntry | null {
    let mapEntry = this.mapEntries.get(entry);
    if (mapEntry === undefined) {
      mapEntry = toMapEntry(entry, this.colors);
      this.mapEntries.set(entry, mapEntry);
    }
    return mapEntry;
  }

  /** The loaded entries sorted by name (sorted again only when they change). */
  private sortedByName(): readonly EntryFeature[] {
    const all = this.options.store.all();
    if (this.byName?.from !== all) this.byName = { from: all, sorted: sortEntries(all, 'name', NO_CONTEXT) };
    return this.byName.sorted;
  }

  subscribe(listener: (entries: readonly EntryFeature[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Recomputes everything from the loaded entries and redraws the map. `filtersOnly`: the entries did not
   * change, only which of them match, so the map may receive just the entries that come and go.
   */
  refilter(filtersOnly = false): void {
    const start = performance.now();
    this.filter = this.compile();
    this.current = applyFilter(this.sortedByName(), this.filter);
    this.notify();
    // The parts of a redraw, for the bench: filtering and the list, then the map's data and frame.
    performance.measure('atlas:filter-and-list', { start });
    void this.draw(start, filtersOnly);
  }

  private compile(): EntryFilter {
    const { lookups, state } = this.options;
    return compileFilter(state.get(), this.themes, {
      members: lookups.members(),
      matches: lookups.matches(),
    });
  }

  private async draw(start: number, filtersOnly: boolean): Promise<void> {
    const map = this.options.map;
    if (!map) return;
    const next = new Map<string, MapEntry>();
    for (const entry of this.current) {
      const mapEntry = this.toMapEntry(entry);
      if (mapEntry) next.set(mapEntry.id, mapEntry);
    }
    const previous = this.drawn;
    this.drawn = next;
    const upsert: MapEntry[] = [];
    const remove: string[] = [];
    if (filtersOnly) {
      for (const [id, entry] of next) if (!previous.has(id)) upsert.push(entry);
      for (const id of previous.keys()) if (!next.has(id)) remove.push(id);
    }
    // Sending fewer features to the map's worker is what keeps a filter change fast on a big set.
    const diff = filtersOnly && upsert.length + remove.length < next.size;
    try {
      const sent = performance.now();
      if (diff) await map.updateEntries({ upsert, remove });
      else await map.setEntries([...next.values()]);
      performance.measure('atlas:map-data', { start: sent });
      await map.nextFrame();
    } catch (error) {
      // The status line reports a map that failed to load; a redraw racing a destroyed map is harmless.
      console.warn(error);
      return;
    }
    performance.measure('atlas:redraw', { start });
    if (!this.firstDrawn && next.size > 0) {
      this.firstDrawn = true;
      performance.mark('atlas:first-places');
    }
  }

  private storeChanged(change: EntriesChange): void {
    if (change.type === 'reset') {
      this.refilter();
      return;
    }
    const upsert: MapEntry[] = [];
    const remove: string[] = [...change.removed];
    for (const id of change.removed) this.drawn.delete(id);
    for (const entry of change.upserted) {
      const drawn = this.matches(entry) ? this.toMapEntry(entry) : null;
      if (drawn) {
        upsert.push(drawn);
        this.drawn.set(drawn.id, drawn);
      } else {
        remove.push(entry.id);
        this.drawn.delete(entry.id);
      }
    }
    this.current = applyFilter(this.sortedByName(), this.filter);
    this.notify();
    void this.options.map?.updateEntries({ upsert, remove }).catch((error: unknown) => console.warn(error));
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener(this.current);
  }
}
