import type { StyleSpecification } from './style-types';

/** The basemap's palette: quiet, so that the entries' theme colours stand out. */
export const BASEMAP_COLORS = {
  sea: '#dce9f0',
  land: '#f7f5f0',
  coast: '#a9c2cf',
  countryBorder: '#9c9489',
  region: '#b3a99c',
  departement: '#d4ccc0',
} as const;

/** The files of client/public/basemap/, made by client/map/basemap-data/build.ts. */
export const BASEMAP_FILES = {
  world: 'world.geojson',
  regions: 'france-regions.geojson',
  departements: 'france-departements.geojson',
} as const;

export interface BasemapOptions {
  /** Absolute URL of the folder holding the basemap files, on our own origin (e.g. `https://atlas.example/basemap/`). */
  dataUrl: string;
  /** Credits shown in the attribution control, already translated; plain text. */
  attribution: { world: string; france: string };
}

/**
 * The offline style: GeoJSON vector layers from our own origin only. It has no `glyphs` and no `sprite`, and
 * therefore no symbol layer: MapLibre would fetch fonts from wherever `glyphs` points.
 */
export function basemapStyle({ dataUrl, attribution }: BasemapOptions): StyleSpecification {
  const url = (file: string) => new URL(file, dataUrl).href;
  const france = link('https://github.com/gregoiredavid/france-geojson', attribution.france);
  return {
    version: 8,
    name: 'Atlas des communs offline basemap',
    sources: {
      world: {
        type: 'geojson',
        data: url(BASEMAP_FILES.world),
        attribution: link('https://www.naturalearthdata.com/', attribution.world),
      },
      regions: { type: 'geojson', data: url(BASEMAP_FILES.regions), attribution: france },
      departements: { type: 'geojson', data: url(BASEMAP_FILES.departements), attribution: france },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': BASEMAP_COLORS.sea } },
      {
        id: 'land',
        type: 'fill',
        source: 'world',
        filter: ['==', ['get', 'kind'], 'land'],
        paint: { 'fill-color': BASEMAP_COLORS.land, 'fill-antialias': false },
      },
      {
        id: 'coastline',
        type: 'line',
        source: 'world',
        filter: ['==', ['get', 'kind'], 'land'],
        paint: {
          'line-color': BASEMAP_COLORS.coast,
          'line-width': ['interpolate', ['linear'], ['zoom'], 2, 0.5, 8, 1.2],
        },
      },
      {
        id: 'departements',
        type: 'line',
        source: 'departements',
        minzoom: 5,
        paint: {
          'line-color': BASEMAP_COLORS.departement,
          'line-width': ['interpolate', ['linear'], ['zoom'], 5, 0.4, 10, 1.2],
        },
      },
      {
        id: 'regions',
        type: 'line',
        source: 'regions',
        minzoom: 3.5,
        paint: {
          'line-color': BASEMAP_COLORS.region,
          'line-width': ['interpolate', ['linear'], ['zoom'], 4, 0.6, 10, 2],
        },
      },
      {
        id: 'country-borders',
        type: 'line',
        source: 'world',
        filter: ['==', ['get', 'kind'], 'border'],
        layout: { 'line-join': 'round' },
        paint: {
          'line-color': BASEMAP_COLORS.countryBorder,
          'line-width': ['interpolate', ['linear'], ['zoom'], 2, 0.6, 8, 1.6],
        },
      },
    ],
  };
}

/** An attribution link; the attribution control renders HTML, so the label is escaped. */
function link(href: string, label: string): string {
  return `<a href="${href}" rel="noopener" target="_blank">${escapeHtml(label)}</a>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
