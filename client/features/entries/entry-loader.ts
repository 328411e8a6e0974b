import type { EntryCollection, EntryFeature } from '../../../server/contract/entry';
import { type EntriesQuery, entriesSearchParams } from '../../lib/api';
import { getJson } from '../../lib/http';
import type { Bbox } from '../../map/atlas-map';
import type { AppState } from '../url-state/app-state';
import type { EntryStore } from './entry-store';

/** Up to this many entries, the whole atlas is loaded once and every filter runs on the client. */
export const FULL_LOAD_MAX = 20_000;
/** From this zoom on, the page shows an area rather than a country. */
const ZOOMED_IN = 8;
/** The first load of a page opened zoomed in stops here: a bigger atlas is then loaded by the view's area. */
const ZOOMED_IN_FIRST_MAX = 5_000;
/** Entries per request: the API's maximum page; the first one is smaller, so the map fills in sooner. */
const PAGE_SIZE = 1_000;
const FIRST_PAGE_SIZE = 400;
/** Pages loaded before the map is redrawn again (the first page is drawn at once). */
const PAGES_PER_FLUSH = 4;

/** Where loading stands, for the status line. */
export interface LoadProgress {
  state: 'loading' | 'done' | 'error';
  loaded: number;
  /** True when the area (or the atlas) holds more entries than were loaded. */
  truncated: boolean;
  /** True once the atlas proved too big to load whole: entries then follow the map's view. */
  byArea: boolean;
  error?: unknown;
}

/**
 * Loads the entries into the store. A small atlas (up to FULL_LOAD_MAX) is loaded whole, once. A bigger one
 * is loaded by area: the entries of the map's view (with a margin) and of the server-side filters, again
 * when the view leaves the loaded area; entries far outside it are let go, so memory stays bounded.
 */
export class EntryLoader {
  private byArea = false;
  private loadedArea: { bbox: Bbox; zoom: number; complete: boolean; key: string } | null = null;
  private controller: AbortController | null = null;

  constructor(
    private readonly store: EntryStore,
    private readonly onProgress: (progress: LoadProgress) => void,
  ) {}

  /**
   * The first load: the whole atlas, up to FULL_LOAD_MAX entries (fewer when the page opens zoomed in on an
   * area: a big atlas is then loaded by area at once). Resolves true when the atlas proved too big, and the
   * caller should then call `update` with the map's view.
   */
  async start(zoom: number): Promise<boolean> {
    const zoomedIn = zoom >= ZOOMED_IN;
    const result = await this.load({}, zoomedIn ? ZOOMED_IN_FIRST_MAX : FULL_LOAD_MAX, true);
    if (!result?.truncated) return false;
    this.byArea = true;
    // What was loaded stands for the whole world at a country's scale, until the map zooms in further or
    // the filters change.
    this.loadedArea = {
      bbox: [-180, -90, 180, 90],
      zoom: Math.min(zoom, ZOOMED_IN - 2),
      complete: false,
      key: JSON.stringify({}),
    };
    return true;
  }

  /** The map moved or the filters changed: in area mode, loads what the new view needs. */
  async update(bbox: Bbox, zoom: number, state: AppState): Promise<void> {
    if (!this.byArea) return;
    const query = serverFilters(state);
    const key = JSON.stringify(query);
    const area = this.loadedArea;
    if (area && area.key === key && contains(area.bbox, bbox) && (area.complete || zoom < area.zoom + 1))
      return;
    const wide = expand(bbox, 0.5);
    const result = await this.load({ ...query, bbox: wide }, FULL_LOAD_MAX, false);
    if (!result) return;
    this.loadedArea = { bbox: wide, zoom, complete: !result.truncated, key };
    // Let go of the located entries far from the view; entries without a location stay.
    const far = this.store
      .all()
      .filter((entry) => entry.geometry && !pointIn(wide, entry.geometry.coordinates as [number, number]))
      .map((entry) => entry.id);
    if (far.length > 0) this.store.remove(far);
  }

  private async load(
    query: EntriesQuery,
    max: number,
    first: boolean,
  ): Promise<{ truncated: boolean } | null> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    let loaded = 0;
    let cursor: string | null = null;
    let batch: EntryFeature[] = [];
    let pages = 0;
    const report = (state: LoadProgress['state'], truncated: boolean, error?: unknown) =>
      this.onProgress({
        state,
        loaded,
        truncated,
        byArea: this.byArea || truncated,
        ...(error ? { error } : {}),
      });
    report('loading', false);
    try {
      do {
        const size = pages === 0 ? FIRST_PAGE_SIZE : PAGE_SIZE;
        const params = entriesSearchParams(query, Math.min(size, max - loaded), cursor);
        const page: EntryCollection = await getJson<EntryCollection>(
          `/api/entries?${params}`,
          controller.signal,
        );
        if (page.type !== 'FeatureCollection' || !Array.isArray(page.features)) {
          throw new Error('GET /api/entries did not answer a FeatureCollection');
        }
        loaded += page.features.length;
        pages += 1;
        batch.push(...page.features);
        // The first page is drawn at once; then every few pages, so the map fills in without redrawing per page.
        if (pages === 1 || pages % PAGES_PER_FLUSH === 0) {
          if (pages === 1 && first) this.store.reset(batch);
          else this.store.upsert(batch);
          batch = [];
        }
        cursor = page.next && page.next !== cursor ? page.next : null;
        if (cursor) report('loading', false);
      } while (cursor !== null && loaded < max);
      if (batch.length > 0) this.store.upsert(batch);
      const truncated = cursor !== null;
      report('done', truncated);
      return { truncated };
    } catch (error) {
      if (controller.signal.aborted) return null;
      report('error', false, error);
      return null;
    }
  }
}

/** The filters the API applies in area mode, so that the loaded entries are the ones the filters keep. */
export function serverFilters(state: AppState): EntriesQuery {
  return {
    ...(state.kinds.length > 0 ? { kind: state.kinds } : {}),
    ...(state.themes.length > 0 ? { theme: state.themes } : {}),
    ...(state.network ? { network: state.network } : {}),
    ...(state.statuses.length > 0 ? { status: state.statuses } : {}),
  };
}

export function expand([west, south, east, north]: Bbox, ratio: number): Bbox {
  const dx = (east - west) * ratio;
  const dy = (north - south) * ratio;
  return [
    Math.max(-180, west - dx),
    Math.max(-90, south - dy),
    Math.min(180, east + dx),
    Math.min(90, north + dy),
  ];
}

export function contains(outer: Bbox, inner: Bbox): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}

export function pointIn(bbox: Bbox, [lng, lat]: readonly [number, number]): boolean {
  return lng >= bbox[0] && lng <= bbox[2] && lat >= bbox[1] && lat <= bbox[3];
}
