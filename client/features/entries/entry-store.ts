import type { EntryFeature } from '../../../server/contract/entry';

/** What changed in the loaded entries: everything (`reset`), or some entries added, replaced or removed. */
export type EntriesChange =
  | { type: 'reset' }
  | { type: 'diff'; upserted: readonly EntryFeature[]; removed: readonly string[] };

/**
 * The entries the client has loaded, by id: what the map draws and the list shows, after the filters. Live
 * updates go through `upsert` and `remove` (deleted entries are removed), so the map changes by `updateData`.
 */
export class EntryStore {
  private readonly entries = new Map<string, EntryFeature>();
  private readonly listeners = new Set<(change: EntriesChange) => void>();
  private cache: EntryFeature[] | null = null;

  get size(): number {
    return this.entries.size;
  }

  get(id: string): EntryFeature | undefined {
    return this.entries.get(id);
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  /** Every loaded entry, in load order; the same array until something changes. */
  all(): readonly EntryFeature[] {
    this.cache ??= [...this.entries.values()];
    return this.cache;
  }

  /** Replaces every loaded entry. */
  reset(features: readonly EntryFeature[]): void {
    this.entries.clear();
    for (const feature of features) if (!feature.properties.deletedAt) this.entries.set(feature.id, feature);
    this.changed({ type: 'reset' });
  }

  /** Adds or replaces entries; a deleted entry (`deletedAt` set) is removed instead. */
  upsert(features: readonly EntryFeature[]): void {
    const upserted: EntryFeature[] = [];
    const removed: string[] = [];
    for (const feature of features) {
      if (feature.properties.deletedAt) {
        if (this.entries.delete(feature.id)) removed.push(feature.id);
        continue;
      }
      const known = this.entries.get(feature.id);
      // An older version arriving late (a replay, a slow page) never replaces a newer one; the same is a no-op.
      if (known && known.properties.version >= feature.properties.version) continue;
      this.entries.set(feature.id, feature);
      upserted.push(feature);
    }
    if (upserted.length > 0 || removed.length > 0) this.changed({ type: 'diff', upserted, removed });
  }

  remove(ids: readonly string[]): void {
    const removed = ids.filter((id) => this.entries.delete(id));
    if (removed.length > 0) this.changed({ type: 'diff', upserted: [], removed });
  }

  subscribe(listener: (change: EntriesChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(change: EntriesChange): void {
    this.cache = null;
    for (const listener of [...this.listeners]) listener(change);
  }
}
