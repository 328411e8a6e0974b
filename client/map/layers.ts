import type { GeoJSONSourceSpecification, LayerSpecification } from './style-types';

/** The id of the GeoJSON source that holds the entries. */
export const ENTRIES_SOURCE = 'entries';

export const ENTRY_LAYERS = {
  clusters: 'entries-clusters',
  points: 'entries-points',
} as const;

/** For an entry whose themes have no colour. */
export const DEFAULT_ENTRY_COLOR = '#4b5563';

/**
 * The entries source: clustered, and keyed by the `id` property so that `updateData` can add, replace and
 * remove single entries. Its features carry `id`, `name`, `kind` and `color` (see sources.ts).
 */
export function entriesSource(): GeoJSONSourceSpecification {
  return {
    type: 'geojson',
    data: { type: 'FeatureCollection', features: [] },
    promoteId: 'id',
    cluster: true,
    clusterRadius: 44,
    clusterMaxZoom: 13,
  };
}

/**
 * Clusters and single entries, as circles only. There are no glyphs in the offline style, so a cluster shows
 * its size by its radius and shade rather than by a number.
 */
export function entriesLayers(): LayerSpecification[] {
  return [
    {
      id: ENTRY_LAYERS.clusters,
      type: 'circle',
      source: ENTRIES_SOURCE,
      filter: ['has', 'point_count'],
      paint: {
        // Steps at 10, 50, 200 and 1000 entries: darker and larger as the cluster grows.
        'circle-color': [
          'step',
          ['get', 'point_count'],
          '#6d9bb3',
          10,
          '#3f7895',
          50,
          '#2a5d78',
          200,
          '#1d455c',
          1000,
          '#132f40',
        ],
        'circle-radius': ['step', ['get', 'point_count'], 13, 10, 17, 50, 21, 200, 26, 1000, 32],
        'circle-opacity': 0.85,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
        'circle-stroke-opacity': 0.9,
      },
    },
    {
      id: ENTRY_LAYERS.points,
      type: 'circle',
      source: ENTRIES_SOURCE,
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': ['to-color', ['get', 'color'], DEFAULT_ENTRY_COLOR],
        'circle-radius': [
          'interpolate',
          ['linear'],
          ['zoom'],
          4,
          ['case', ['boolean', ['feature-state', 'selected'], false], 8, 4],
          12,
          ['case', ['boolean', ['feature-state', 'selected'], false], 12, 7],
        ],
        'circle-stroke-color': [
          'case',
          ['boolean', ['feature-state', 'selected'], false],
          '#111827',
          '#ffffff',
        ],
        'circle-stroke-width': ['case', ['boolean', ['feature-state', 'selected'], false], 3, 1.5],
      },
    },
  ];
}
