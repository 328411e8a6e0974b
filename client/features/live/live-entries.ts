import type { EntryFeature } from '../../../server/contract/entry';
import type { AtlasMap, MapEntry } from '../../map/atlas-map';
import { type ChangeAction, changeAction } from './change-action';

/** Which of these entries match the page's filters (some filters, like `q`, can only be asked of the API). */
export type EntriesFilter = (entries: readonly EntryFeature[]) => Promise<ReadonlySet<string>>;

/** What changed in the loaded entries: for the list, counters and anything else that mirrors them. */
export interface EntriesChange {
  upserted: readonly EntryFeature[];
  removed: readonly string[];
}

export interface LiveEntriesOptions {
  /** Where the entries are drawn: the map (or anything that applies a diff, like the embed's preview). */
  map: Pick<AtlasMap, 'updateEntries'> | null;
  /** The entries the page has loaded, by id: kept up to date in place. */
  places: Map<string, EntryFeature>;
  /** One entry as the map draws it, or null when it has no location. */
  toMapEntry(entry: EntryFeature): MapEntry | null;
  /** Defaults to every entry matching. */
  filter?: EntriesFilter;
}

/**
 * Applies live changes (and a participant's own unsent creations) to the loaded entries and to the map,
 * through `AtlasMap.updateEntries` (MapLibre's `updateData`): never a reload of the whole source. Batches are
 * applied one after the other, in the order they came.
 */
export class LiveEntries {
  private queue: Promise<void> = Promise.resolve();
  private readonly listeners = new Set<(change: EntriesChange) => void>();

  constructor(private readonly options: LiveEntriesOptions) {}

  onChange(listener: (change: EntriesChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Entries as the server sent them (a change event, an answer to a write). */
  apply(entries: readonly EntryFeature[]): Promise<void> {
    const run = this.queue.then(() => this.applyNow(entries));
    this.queue = run.catch((error: unknown) => console.error('live: applying a change failed', error));
    return run;
  }

  /** Removes entries by id (a discarded local creation). */
  remove(ids: readonly string[]): Promise<void> {
    const run = this.queue.then(() => this.commit([], ids));
    this.queue = run.catch((error: unknown) => console.error('live: removing entries failed', error));
    return run;
  }

  private async applyNow(entries: readonly EntryFeature[]): Promise<void> {
    if (entries.length === 0) return;
    const matching = this.options.filter
      ? await this.options.filter(entries)
      : new Set(entries.map((entry) => entry.id));
    const actions = entries.map((entry) => changeAction(entry, this.held(entry.id), matching.has(entry.id)));
    await this.commit(actions, []);
  }

  private held(id: string): { version: number } | undefined {
    const entry = this.options.places.get(id);
    return entry ? { version: entry.properties.version } : undefined;
  }

  private async commit(actions: readonly ChangeAction[], extraRemovals: readonly string[]): Promise<void> {
    const upserted: EntryFeature[] = [];
    const removed = new Set<string>(extraRemovals.filter((id) => this.options.places.has(id)));
    for (const action of actions) {
      if (action.type === 'upsert') {
        // The last version of an entry within a batch wins.
        removed.delete(action.feature.id);
        upserted.push(action.feature);
      } else if (action.type === 'remove') removed.add(action.id);
    }
    if (upserted.length === 0 && removed.size === 0) return;
    const upsert: MapEntry[] = [];
    const remove = new Set(removed);
    for (const feature of upserted) {
      this.options.places.set(feature.id, feature);
      const drawn = this.options.toMapEntry(feature);
      // An entry whose location was taken away leaves the map but stays in the list.
      if (drawn) upsert.push(drawn);
      else remove.add(feature.id);
    }
    for (const id of removed) this.options.places.delete(id);
    await this.options.map?.updateEntries({ upsert, remove: [...remove] });
    const change: EntriesChange = { upserted, removed: [...removed] };
    for (const listener of this.listeners) listener(change);
  }
}
