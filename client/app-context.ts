import type { EntryFeature, EntryInput, EntryPatch } from '../server/contract/entry';
import type { EntryStore } from './features/entries/entry-store';
import type { ThemeIndex } from './features/themes/theme-index';
import type { AppState } from './features/url-state/app-state';
import type { Actor } from './lib/session';
import type { Store } from './lib/store';
import type { AtlasMap } from './map/atlas-map';

/**
 * How the editor saves an entry. The default sends it at once (lib/api-entries.ts); another feature (the
 * outbox, which keeps unsent changes in IndexedDB) may take its place with `appContext.setEntryWriter`.
 * It resolves with the entry as the server answered it, or rejects with an `ApiError` (field errors included).
 */
export interface EntryWriter {
  create(input: EntryInput & { id: string }): Promise<EntryFeature>;
  update(id: string, patch: EntryPatch, etag: string): Promise<EntryFeature>;
}

/**
 * What the app page shares with the features that plug into it (live updates, workshops): the map, the
 * state that lives in the URL, the loaded entries and the theme tree.
 *
 * Live updates: call `entries.upsert([feature])` with each entry a change event carries (a deleted entry,
 * with `deletedAt` set, is removed; an older version never replaces a newer one) and `entries.remove(ids)`.
 * The app filters them, updates the map through `updateData` and the list by itself.
 */
export interface AppContext {
  /** Null when the device cannot draw a map (the list still works). */
  map: AtlasMap | null;
  state: Store<AppState>;
  entries: EntryStore;
  themes: ThemeIndex;
  /** True when an entry matches the current filters (the text search included, once its results are in). */
  matches(entry: EntryFeature): boolean;
  /** Opens an entry in the panel (and selects it on the map). */
  select(id: string | null): void;
  entryWriter: EntryWriter;
  setEntryWriter(writer: EntryWriter): void;
  /**
   * Calls `listener` with the account this browser writes as (null: anonymous) once the page knows it, and
   * again whenever it changes (the page asks it late, so as not to delay the first places). Returns an
   * unsubscribe function.
   */
  onActorChange(listener: (actor: Actor | null) => void): () => void;
}

let context: AppContext | null = null;
const waiting: ((context: AppContext) => void)[] = [];

/** Called once by main.ts when the page is wired. */
export function provideAppContext(value: AppContext): void {
  context = value;
  for (const callback of waiting.splice(0)) callback(value);
}

/**
 * Runs `callback` with the app's context as soon as the page is wired (at once if it already is). A module
 * imported by main.ts for its side effects runs before main.ts's own code: this is how it reaches the app.
 */
export function onAppContext(callback: (context: AppContext) => void): void {
  if (context) callback(context);
  else waiting.push(callback);
}
