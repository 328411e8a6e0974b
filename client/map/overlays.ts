import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { Highlight } from './atlas-map';
import { DEFAULT_ENTRY_COLOR } from './layers';
import { entryToFeature } from './sources';
import type { GeoJSONSourceSpecification, LayerSpecification } from './style-types';

// Two small unclustered sources over the entries: the highlight (a network's territory, the entries related
// to the selected one) and the draft point (where the entry being added or moved will be).

export const OVERLAY_SOURCES = { highlight: 'highlight', draft: 'draft' } as const;

export const OVERLAY_LAYERS = {
  areaFill: 'highlight-area-fill',
  areaLine: 'highlight-area-line',
  related: 'highlight-entries',
  draft: 'draft-point',
} as const;

const empty = (): GeoJSON.FeatureCollection => ({ type: 'FeatureCollection', features: [] });

export function overlaySources(): Record<string, GeoJSONSourceSpecification> {
  return {
    [OVERLAY_SOURCES.highlight]: { type: 'geojson', data: empty() },
    [OVERLAY_SOURCES.draft]: { type: 'geojson', data: empty() },
  };
}

/** The territory goes under the entries; the related entries and the draft point above them. */
export function overlayLayersBelowEntries(): LayerSpecification[] {
  return [
    {
      id: OVERLAY_LAYERS.areaFill,
      type: 'fill',
      source: OVERLAY_SOURCES.highlight,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'fill-color': '#1d455c', 'fill-opacity': 0.12 },
    },
    {
      id: OVERLAY_LAYERS.areaLine,
      type: 'line',
      source: OVERLAY_SOURCES.highlight,
      filter: ['==', ['geometry-type'], 'Polygon'],
      paint: { 'line-color': '#1d455c', 'line-width': 2, 'line-dasharray': [2, 1] },
    },
  ];
}

export function overlayLayersAboveEntries(): LayerSpecification[] {
  return [
    {
      id: OVERLAY_LAYERS.related,
      type: 'circle',
      source: OVERLAY_SOURCES.highlight,
      filter: ['==', ['geometry-type'], 'Point'],
      paint: {
        'circle-color': ['to-color', ['get', 'color'], DEFAULT_ENTRY_COLOR],
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 4, 5, 12, 8],
        'circle-stroke-color': '#111827',
        'circle-stroke-width': 2.5,
      },
    },
    {
      id: OVERLAY_LAYERS.draft,
      type: 'circle',
      source: OVERLAY_SOURCES.draft,
      paint: {
        'circle-color': '#ffffff',
        'circle-radius': 10,
        'circle-stroke-color': '#c2410c',
        'circle-stroke-width': 5,
      },
    },
  ];
}

export function setHighlightData(map: MapLibreMap, highlight: Highlight | null): void {
  const features: GeoJSON.Feature[] = [];
  for (const area of highlight?.areas ?? [])
    features.push({ type: 'Feature', geometry: area, properties: {} });
  for (const entry of highlight?.entries ?? []) features.push(entryToFeature(entry));
  void map
    .getSource<GeoJSONSource>(OVERLAY_SOURCES.highlight)
    ?.setData({ type: 'FeatureCollection', features });
}

export function setDraftData(map: MapLibreMap, lngLat: readonly [number, number] | null): void {
  const data: GeoJSON.FeatureCollection = lngLat
    ? {
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', geometry: { type: 'Point', coordinates: [...lngLat] }, properties: {} },
        ],
      }
    : empty();
  void map.getSource<GeoJSONSource>(OVERLAY_SOURCES.draft)?.setData(data);
}
