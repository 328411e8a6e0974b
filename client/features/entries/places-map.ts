import type { EntryFeature } from '../../../server/contract/entry';
import { type EntriesQuery, getEntries, getThemes } from '../../lib/api';
import { t } from '../../lib/i18n';
import type { AtlasMap } from '../../map/atlas-map';
import { createMap } from '../../map/create-map';
import { mainThemeColors } from '../themes/theme-colors';
import { describeLoadError } from './load-error';
import { toMapEntries } from './map-entries';

/** How many places one page load draws at most; beyond it, the status line says only the first were loaded. */
export const MAX_PLACES = 20_000;

export interface PlacesMapOptions {
  container: HTMLElement;
  /** The status line (a live region): what is loading, how many places are shown, what failed. */
  status: HTMLElement;
  /** Filters besides `kind=place`, e.g. from the embed page's query string. */
  query?: Omit<EntriesQuery, 'kind'>;
  cooperativeGestures?: boolean;
  /** Called when a place is clicked on the map. */
  onSelect?: (place: EntryFeature) => void;
}

export interface PlacesMap {
  /** Null when the device cannot draw a map; the status line then says so. */
  map: AtlasMap | null;
  /** The loaded places by id. */
  places: Map<string, EntryFeature>;
}

/**
 * Creates the map and draws the atlas's places on it. It never throws: every failure (no WebGL, no API yet,
 * no network) ends as a readable sentence in the status line, and the page stays usable.
 */
export async function startPlacesMap(options: PlacesMapOptions): Promise<PlacesMap> {
  const { status } = options;
  const places = new Map<string, EntryFeature>();
  // The status line: one main sentence, then notes about what is missing (theme colours, basemap).
  let sentence = t('status.loading');
  let state: 'loading' | 'done' | 'error' = 'loading';
  const notes = new Set<string>();
  const render = () => {
    status.textContent = [sentence, ...notes].join(' ');
    status.dataset.state = state;
  };
  const show = (text: string, newState: typeof state) => {
    sentence = text;
    state = newState;
    render();
  };
  const note = (text: string) => {
    if (notes.has(text)) return;
    notes.add(text);
    render();
  };
  render();

  // Start the requests first: they run while the map loads its style.
  const placesRequest = getEntries({ ...options.query, kind: 'place' }, { maxEntries: MAX_PLACES });
  const colorsRequest = getThemes().then(mainThemeColors);
  placesRequest.catch(() => {});
  colorsRequest.catch(() => {});

  let map: AtlasMap;
  try {
    map = createMap({
      container: options.container,
      cooperativeGestures: options.cooperativeGestures ?? false,
    });
  } catch (error) {
    show(t('error.map'), 'error');
    console.error(error);
    return { map: null, places };
  }
  map.onError((error) => {
    console.error(error);
    note(t('error.basemap'));
  });
  map.onEntryClick((id) => {
    const place = places.get(id);
    if (!place) return;
    map.select(id);
    options.onSelect?.(place);
  });

  let collection: Awaited<typeof placesRequest>;
  try {
    collection = await placesRequest;
  } catch (error) {
    // Expected while the API is down or not deployed: the status line says it, the console keeps the detail.
    console.warn(error);
    show(describeLoadError(error), 'error');
    return { map, places };
  }
  const colors = await colorsRequest.catch((error: unknown) => {
    console.warn(error);
    note(t('status.themesUnavailable'));
    return new Map<string, string>();
  });
  for (const feature of collection.features) places.set(feature.id, feature);
  const { entries, unlocated } = toMapEntries(collection.features, colors);
  try {
    await map.setEntries(entries);
  } catch (error) {
    console.error(error);
    show(t('error.basemap'), 'error');
    return { map, places };
  }
  const sentences = [t('status.places', { count: entries.length })];
  if (unlocated > 0) sentences.push(t('status.unlocated', { count: unlocated }));
  if (collection.next !== null) sentences.push(t('status.truncated', { count: collection.features.length }));
  show(sentences.join(' '), 'done');
  return { map, places };
}
