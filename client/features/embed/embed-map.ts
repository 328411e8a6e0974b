import type { AtlasMap, EntriesDiff, MapEntry } from '../../map/atlas-map';
import { embedStyle } from './embed-basemap';
import type { EmbedParams } from './embed-params';
import { PreviewMap, type PreviewView } from './preview-map';
import { fitBounds } from './web-mercator';

/** Metropolitan France and Corsica, the view when the URL gives none (as the app's map). */
const FRANCE_BOUNDS: [number, number, number, number] = [-5.2, 41.3, 9.6, 51.1];

/** Events that mean the person starts to use the map: the interactive map is loaded then. */
const GESTURES = ['pointerdown', 'wheel', 'touchstart', 'keydown'] as const;

/**
 * The embed's map: a canvas preview first (a few KB of code, drawn at once), then MapLibre, loaded on
 * demand at the first gesture or by the "explore" button, with the same view and entries. Until then the
 * ~430 KB of MapLibre (and its worker) are not downloaded at all: most visitors of a page with an embedded
 * map only look at it.
 */
export class EmbedMap {
  private preview: PreviewMap | null;
  private full: AtlasMap | null = null;
  private upgrading: Promise<void> | null = null;

  constructor(
    private readonly container: HTMLElement,
    private readonly params: EmbedParams,
    private readonly explore: HTMLButtonElement,
  ) {
    this.preview = new PreviewMap(container, initialView(container, params), params.basemap);
    for (const gesture of GESTURES)
      container.addEventListener(gesture, this.onGesture, { once: true, passive: true });
    explore.addEventListener('click', () => {
      void this.upgrade().then(() => this.full?.focus());
    });
  }

  setEntries(entries: readonly MapEntry[]): Promise<void> {
    return this.full ? this.full.setEntries(entries) : this.preview!.setEntries(entries);
  }

  updateEntries(diff: EntriesDiff): Promise<void> {
    return this.full ? this.full.updateEntries(diff) : this.preview!.updateEntries(diff);
  }

  /** Replaces the preview by the interactive map; resolves once it has drawn the entries. */
  upgrade(): Promise<void> {
    this.upgrading ??= this.load().catch((error: unknown) => {
      // Without WebGL the preview stays: the places are still shown, and listed.
      console.warn('embed: the interactive map could not start', error);
      this.explore.hidden = true;
    });
    return this.upgrading;
  }

  private readonly onGesture = () => {
    void this.upgrade();
  };

  private async load(): Promise<void> {
    const preview = this.preview!;
    const { createMap } = await import('../../map/create-map');
    const style = embedStyle(this.params.basemap);
    const map = createMap({
      container: this.container,
      cooperativeGestures: true,
      center: preview.view.center,
      zoom: preview.view.zoom,
      ...(style ? { style } : {}),
    });
    map.onError((error) => console.warn('embed: map resource failed', error));
    await map.ready;
    await map.setEntries(preview.allEntries());
    await map.nextFrame();
    this.full = map;
    this.preview = null;
    preview.destroy();
    this.explore.hidden = true;
    document.documentElement.dataset.map = 'maplibre';
  }
}

function initialView(container: HTMLElement, params: EmbedParams): PreviewView {
  if (params.center && params.zoom !== null) return { center: params.center, zoom: params.zoom };
  const width = container.clientWidth || 600;
  const height = container.clientHeight || 400;
  const fitted = fitBounds(params.bbox ?? FRANCE_BOUNDS, width, height, 8, params.bbox ? 16 : 6);
  return params.center ? { center: params.center, zoom: fitted.zoom } : fitted;
}
