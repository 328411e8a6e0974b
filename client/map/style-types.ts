import type { MapOptions } from 'maplibre-gl';

// The style specification types, taken from maplibre-gl's own signature rather than from its internal
// @maplibre/maplibre-gl-style-spec dependency, which is not ours to import.

/** A MapLibre style document. */
export type StyleSpecification = Exclude<MapOptions['style'], string | undefined>;
/** One layer of a style. */
export type LayerSpecification = StyleSpecification['layers'][number];
/** One source of a style. */
export type SourceSpecification = StyleSpecification['sources'][string];
/** A GeoJSON source of a style. */
export type GeoJSONSourceSpecification = Extract<SourceSpecification, { type: 'geojson' }>;
