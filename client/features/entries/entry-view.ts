import type { EntryFeature } from '../../../server/contract/entry';
import type { Store } from '../../lib/store';
import type { AtlasMap, MapEntry } from '../../map/atlas-map';
import type { ThemeIndex } from '../themes/theme-index';
import { type AppState, hasFilters } from '../url-state/app-state';
import { applyFilter, compileFilter, type EntryFilter, matchesFilter } from './entry-filter';
import type { EntriesChange, EntryStore } from './entry-store';
import { toMapEntry } from './map-entries';

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

  constructor(
    private readonly options: EntryViewOptions,
    themes: ThemeIndex,
  ) {
    this.themes = themes;
    this.filter = this.compile();
    options.store.subscribe((change) => this.storeChanged(change));
    options.lookups.onChange(() => this.refilter());
    options.state.subscribe((state, previous) => {
      if (
        state.kinds !== previous.kinds ||
        state.themes !== previous.themes ||
        state.statuses !== previous.statuses ||
        state.network !== previous.network ||
        state.q !== previous.q
      )
        this.refilter();
    });
  }

  /** The entries that match, in load order. */
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
    this.refilter();
  }

  /** The entry as the map draws it, in its main theme's colour; null without a location. */
  toMapEntry(entry: EntryFeature): MapEntry | null {
    return toMapEntry(entry, this.colors);
  }

  subscribe(listener: (entries: readonly EntryFeature[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Recomputes everything from the loaded entries and redraws the map. */
  refilter(): void {
    const start = performance.now();
    this.filter = this.compile();
    this.current = applyFilter(this.options.store.all(), this.filter);
    this.notify();
    void this.draw(start);
  }

  private compile(): EntryFilter {
    const { lookups, state } = this.options;
    return compileFilter(state.get(), this.themes, {
      members: lookups.members(),
      matches: lookups.matches(),
    });
  }

  private async draw(start: number): Promise<void> {
    const map = this.options.map;
    if (!map) return;
    const drawn: MapEntry[] = [];
    for (const entry of this.current) {
      const mapEntry = this.toMapEntry(entry);
      if (mapEntry) drawn.push(mapEntry);
    }
    try {
      await map.setEntries(drawn);
      await map.nextFrame();
    } catch (error) {
      // The status line reports a map that failed to load; a redraw racing a destroyed map is harmless.
      console.warn(error);
      return;
    }
    performance.measure('atlas:redraw', { start });
    if (!this.firstDrawn && drawn.length > 0) {
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
    for (const entry of change.upserted) {
      const drawn = this.matches(entry) ? this.toMapEntry(entry) : null;
      if (drawn) upsert.push(drawn);
      else remove.push(entry.id);
    }
    this.current = applyFilter(this.options.store.all(), this.filter);
    this.notify();
    void this.options.map?.updateEntries({ upsert, remove }).catch((error: unknown) => console.warn(error));
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener(this.current);
  }
}
