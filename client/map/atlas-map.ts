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

/** West, south, east, north, in degrees. */
export type Bbox = [number, number, number, number];

/** The map's centre and zoom. */
export interface MapViewport {
  lng: number;
  lat: number;
  zoom: number;
  /** What the map shows now. */
  bounds: Bbox;
}

/** What stands out over the entries: a network's territory, and the entries related to the selected one. */
export interface Highlight {
  /** Polygons or MultiPolygons in WGS84. */
  areas: readonly (GeoJSON.Polygon | GeoJSON.MultiPolygon)[];
  /** Drawn above the clusters, so that they show even where their neighbours are clustered. */
  entries: readonly MapEntry[];
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
  /** Shows the whole box (with some padding), at most at `maxZoom`. */
  fitBounds(bounds: Bbox, maxZoom?: number): void;
  /** The current centre, zoom and bounds. */
  getViewport(): MapViewport;
  /** Called after each move (pan, zoom, fly) ends; returns the unsubscribe function. */
  onViewChange(handler: (viewport: MapViewport) => void): () => void;
  /** Called with the position of any click or tap on the map (to place a new entry). */
  onMapClick(handler: (lngLat: [number, number]) => void): () => void;
  /** Picking mode: a crosshair cursor, and clicks on entries no longer open them. */
  setPicking(picking: boolean): void;
  /** The position of the entry being added or moved, drawn as a distinct marker; null hides it. */
  setDraftPoint(lngLat: readonly [number, number] | null): void;
  /** Draws a territory and related entries over the others; null clears. */
  setHighlight(highlight: Highlight | null): void;
  /** Resolves after the map has drawn a frame with its current data. */
  nextFrame(): Promise<void>;
  /** Moves the keyboard focus to the map, where the arrow keys pan and +/- zoom. */
  focus(): void;
  resize(): void;
  destroy(): void;
}
