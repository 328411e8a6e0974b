/** One entry as the map draws it: only what the map layers need, never the whole entry. */
export interface MapEntry {
  id: string;
  lng: number;
  lat: number;
  name: string;
  kind: 'place' | 'network' | 'resource';
  /** The colour of the entry's main theme (`#rrggbb`), or null for the default colour. */
  color: string | null;
}

/** Entries to add or replace (by id) and ids to remove, applied without reloading the whole source. */
export interface EntriesDiff {
  upsert?: readonly MapEntry[];
  remove?: readonly string[];
}

/**
 * The map as the rest of the client sees it. Only `client/map/` imports maplibre-gl; everything else goes
 * through this interface, so the map library can change without touching the features.
 */
export interface AtlasMap {
  /** Resolves once the style is loaded and the entries layers exist; rejects if the style cannot load. */
  readonly ready: Promise<void>;
  /** Replaces every entry drawn on the map. */
  setEntries(entries: readonly MapEntry[]): Promise<void>;
  /** Applies a small change (a live edit) through MapLibre's `updateData`. */
  updateEntries(diff: EntriesDiff): Promise<void>;
  /** Highlights one entry (or none). */
  select(id: string | null): void;
  /** Called with the entry's id when a single entry is clicked; returns the unsubscribe function. */
  onEntryClick(handler: (id: string) => void): () => void;
  /** Called when something the map needs fails to load after start (a basemap file, a custom style). */
  onError(handler: (error: Error) => void): () => void;
  flyTo(center: readonly [number, number], zoom?: number): void;
  /** Moves the keyboard focus to the map, where the arrow keys pan and +/- zoom. */
  focus(): void;
  resize(): void;
  destroy(): void;
}
