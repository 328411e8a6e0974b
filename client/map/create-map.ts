import 'maplibre-gl/dist/maplibre-gl.css';
import {
  AttributionControl,
  type GeoJSONSource,
  Map as MapLibreMap,
  type MapOptions,
  NavigationControl,
  setWorkerUrl,
} from 'maplibre-gl';
// maplibre-gl 6 starts its worker from a separate module, which a bundler must emit. `?worker&url` makes Vite
// build it as a worker (an ES module, see `worker.format` in vite.config.ts) and gives its same-origin URL;
// a plain `?url` would, in dev, serve it through a transform that imports Vite's client and breaks it.
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?worker&url';
import { t } from '../lib/i18n';
import type { AtlasMap, Bbox, Highlight, MapViewport } from './atlas-map';
import { basemapStyle } from './basemap';
import { ENTRIES_SOURCE, ENTRY_LAYERS, entriesLayers, entriesSource } from './layers';
import {
  OVERLAY_LAYERS,
  overlayLayersAboveEntries,
  overlayLayersBelowEntries,
  overlaySources,
  setDraftData,
  setHighlightData,
} from './overlays';
import { setEntriesData, updateEntriesData } from './sources';
import type { StyleSpecification } from './style-types';

setWorkerUrl(new URL(workerUrl, window.location.href).href);

/** France, whole, on a laptop screen. */
export const DEFAULT_VIEW = { center: [2.5, 46.6] as [number, number], zoom: 5 };
/** Metropolitan France and Corsica (west, south, east, north): fitted instead on a small screen or iframe. */
export const FRANCE_BOUNDS: [number, number, number, number] = [-5.2, 41.3, 9.6, 51.1];

export interface CreateMapOptions {
  container: HTMLElement;
  /** A MapLibre style URL (ATLAS_BASEMAP_STYLE) in place of the offline basemap; browsers will then fetch from it. */
  styleUrl?: string;
  /** A whole style in place of the offline basemap (the embed's lighter variants of it). */
  style?: StyleSpecification;
  center?: [number, number];
  zoom?: number;
  /** Ctrl + scroll to zoom, two fingers to pan: for a map inside another page (the embed). */
  cooperativeGestures?: boolean;
}

/**
 * Creates the map with its controls and the entries layers; the only way the client makes a map. It throws
 * when the device cannot draw a map at all (no WebGL).
 */
export function createMap(options: CreateMapOptions): AtlasMap {
  const { container } = options;
  // At zoom 5 France is ~700 px wide: a smaller container fits France's bounds instead.
  const small = container.clientWidth < 720 || container.clientHeight < 560;
  const view: Partial<MapOptions> =
    options.center || options.zoom !== undefined || !small
      ? { center: options.center ?? DEFAULT_VIEW.center, zoom: options.zoom ?? DEFAULT_VIEW.zoom }
      : { bounds: FRANCE_BOUNDS, fitBoundsOptions: { padding: 8 } };
  const mapOptions: MapOptions = {
    container,
    style:
      options.style ??
      options.styleUrl ??
      basemapStyle({ dataUrl: basemapDataUrl(), attribution: basemapAttribution() }),
    ...view,
    maxZoom: 18,
    attributionControl: false,
    maplibreLogo: false,
    cooperativeGestures: options.cooperativeGestures ?? false,
    locale: mapLocale(),
  };
  const map = new MapLibreMap(mapOptions);
  map.addControl(new NavigationControl({ showCompass: true }), 'top-right');
  map.addControl(new AttributionControl({ compact: true }), 'bottom-right');

  const errorHandlers = new Set<(error: Error) => void>();
  const clickHandlers = new Set<(id: string) => void>();
  const viewHandlers = new Set<(viewport: MapViewport) => void>();
  const mapClickHandlers = new Set<(lngLat: [number, number]) => void>();
  let loaded = false;
  let selected: string | null = null;
  let picking = false;
  // Set before the style has loaded: applied once it has.
  let highlight: Highlight | null = null;
  let draft: readonly [number, number] | null = null;

  const ready = new Promise<void>((resolve, reject) => {
    // At `style.load` (the style parsed), not `load` (every basemap file fetched and parsed): the entries can
    // be drawn while the basemap's GeoJSON is still on its way.
    map.once('style.load', () => {
      for (const [id, source] of Object.entries(overlaySources())) map.addSource(id, source);
      map.addSource(ENTRIES_SOURCE, entriesSource());
      for (const layer of overlayLayersBelowEntries()) map.addLayer(layer);
      for (const layer of entriesLayers()) map.addLayer(layer);
      for (const layer of overlayLayersAboveEntries()) map.addLayer(layer);
      loaded = true;
      if (highlight) setHighlightData(map, highlight);
      if (draft) setDraftData(map, draft);
      resolve();
    });
    map.on('error', (event) => {
      const error =
        event.error instanceof Error ? event.error : new Error(event.error?.message ?? 'map error');
      // Before `style.load`, an error is the style itself failing: nothing will ever be drawn.
      if (!loaded && !('sourceId' in event)) reject(error);
      for (const handler of errorHandlers) handler(error);
    });
  });
  // Callers that never await `ready` still learn of the failure through onError.
  ready.catch(() => {});

  map.on('click', ENTRY_LAYERS.clusters, async (event) => {
    const feature = event.features?.[0];
    const clusterId = feature?.properties?.cluster_id;
    if (!feature || typeof clusterId !== 'number' || feature.geometry.type !== 'Point') return;
    const source = map.getSource<GeoJSONSource>(ENTRIES_SOURCE);
    const zoom = await source?.getClusterExpansionZoom(clusterId);
    if (zoom === undefined) return;
    map.easeTo({ center: feature.geometry.coordinates as [number, number], zoom: Math.min(zoom, 18) });
  });
  for (const layer of [ENTRY_LAYERS.points, OVERLAY_LAYERS.related]) {
    map.on('click', layer, (event) => {
      const id = event.features?.[0]?.properties?.id;
      if (picking || typeof id !== 'string') return;
      for (const handler of clickHandlers) handler(id);
    });
  }
  map.on('click', (event) => {
    for (const handler of mapClickHandlers) handler([event.lngLat.lng, event.lngLat.lat]);
  });
  map.on('moveend', () => {
    const viewport = getViewport();
    for (const handler of viewHandlers) handler(viewport);
  });
  for (const layer of [ENTRY_LAYERS.clusters, ENTRY_LAYERS.points, OVERLAY_LAYERS.related]) {
    map.on('mouseenter', layer, () => {
      if (!picking) map.getCanvas().style.cursor = 'pointer';
    });
    map.on('mouseleave', layer, () => {
      if (!picking) map.getCanvas().style.cursor = '';
    });
  }

  function getViewport(): MapViewport {
    const center = map.getCenter();
    const bounds = map.getBounds();
    const box: Bbox = [
      Math.max(-180, bounds.getWest()),
      Math.max(-90, bounds.getSouth()),
      Math.min(180, bounds.getEast()),
      Math.min(90, bounds.getNorth()),
    ];
    return { lng: center.lng, lat: center.lat, zoom: map.getZoom(), bounds: box };
  }

  const setSelected = (id: string | null, value: boolean) => {
    if (id !== null && loaded) map.setFeatureState({ source: ENTRIES_SOURCE, id }, { selected: value });
  };

  return {
    ready,
    async setEntries(entries) {
      await ready;
      await setEntriesData(map, entries);
      // Feature state is kept by id, but a new data set may not hold the selected entry any more.
      setSelected(selected, true);
    },
    async updateEntries(diff) {
      await ready;
      await updateEntriesData(map, diff);
    },
    select(id) {
      setSelected(selected, false);
      selected = id;
      setSelected(selected, true);
    },
    onEntryClick(handler) {
      clickHandlers.add(handler);
      return () => clickHandlers.delete(handler);
    },
    onError(handler) {
      errorHandlers.add(handler);
      return () => errorHandlers.delete(handler);
    },
    flyTo(center, zoom) {
      map.flyTo({ center: [center[0], center[1]], ...(zoom === undefined ? {} : { zoom }) });
    },
    fitBounds(bounds, maxZoom = 12) {
      const [west, south, east, north] = bounds;
      map.fitBounds(
        [
          [west, south],
          [east, north],
        ],
        // MapLibre skips the animation itself when the user prefers reduced motion.
        { padding: 40, maxZoom },
      );
    },
    getViewport,
    onViewChange(handler) {
      viewHandlers.add(handler);
      return () => viewHandlers.delete(handler);
    },
    onMapClick(handler) {
      mapClickHandlers.add(handler);
      return () => mapClickHandlers.delete(handler);
    },
    setPicking(value) {
      picking = value;
      map.getCanvas().style.cursor = value ? 'crosshair' : '';
    },
    setDraftPoint(lngLat) {
      draft = lngLat;
      if (loaded) setDraftData(map, lngLat);
    },
    setHighlight(value) {
      highlight = value;
      if (loaded) setHighlightData(map, value);
    },
    nextFrame() {
      return new Promise((resolve) => {
        map.once('render', () => resolve());
        map.triggerRepaint();
      });
    },
    focus() {
      map.getCanvas().focus();
    },
    resize() {
      map.resize();
    },
    destroy() {
      errorHandlers.clear();
      clickHandlers.clear();
      viewHandlers.clear();
      mapClickHandlers.clear();
      map.remove();
    },
  };
}

/** The basemap folder on our own origin (the worker needs an absolute URL). */
function basemapDataUrl(): string {
  return new URL(`${import.meta.env.BASE_URL}basemap/`, window.location.href).href;
}

function basemapAttribution() {
  return { world: t('map.attribution.world'), france: t('map.attribution.france') };
}

/** MapLibre's own UI strings (control titles, gesture hints), in the interface language. */
function mapLocale(): Record<string, string> {
  return {
    'Map.Title': t('map.label'),
    'NavigationControl.ZoomIn': t('map.zoomIn'),
    'NavigationControl.ZoomOut': t('map.zoomOut'),
    'NavigationControl.ResetBearing': t('map.resetBearing'),
    'AttributionControl.ToggleAttribution': t('map.toggleAttribution'),
    'CooperativeGesturesHandler.WindowsHelpText': t('map.gestures.windows'),
    'CooperativeGesturesHandler.MacHelpText': t('map.gestures.mac'),
    'CooperativeGesturesHandler.MobileHelpText': t('map.gestures.mobile'),
    'Popup.Close': t('map.close'),
  };
}
