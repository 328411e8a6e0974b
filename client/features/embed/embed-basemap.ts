import { t } from '../../lib/i18n';
import { basemapStyle } from '../../map/basemap';
import type { StyleSpecification } from '../../map/style-types';
import type { Basemap } from './embed-params';

/** Layers of the offline basemap drawn from the world file only (no régions, no départements). */
const WORLD_LAYERS = new Set(['background', 'land', 'coastline', 'country-borders']);

/**
 * The style of an embed's `basemap`: undefined for the atlas's own basemap (the map's default), the world
 * layer only (two files fewer to download), or no basemap at all (the entries on a plain background).
 */
export function embedStyle(basemap: Basemap): StyleSpecification | undefined {
  if (basemap === 'atlas') return undefined;
  const full = basemapStyle({
    dataUrl: new URL('/basemap/', window.location.href).href,
    attribution: { world: t('map.attribution.world'), france: t('map.attribution.france') },
  });
  const keep = basemap === 'world' ? WORLD_LAYERS : new Set(['background']);
  const layers = full.layers.filter((layer) => keep.has(layer.id));
  const used = new Set(layers.flatMap((layer) => ('source' in layer && layer.source ? [layer.source] : [])));
  const sources = Object.fromEntries(Object.entries(full.sources).filter(([name]) => used.has(name)));
  return { ...full, sources, layers };
}
