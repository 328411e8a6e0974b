import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BASEMAP_FILES, basemapStyle } from './basemap';
import { entriesLayers, entriesSource } from './layers';

const publicBasemap = join(import.meta.dirname, '../public/basemap');
const style = basemapStyle({
  dataUrl: 'https://atlas.example/basemap/',
  attribution: { world: 'Natural Earth', france: 'IGN <Admin Express>' },
});

describe('the offline basemap style', () => {
  it('asks for no glyphs and no sprite, so it has no symbol layer', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    for (const layer of [...style.layers, ...entriesLayers()]) expect(layer.type).not.toBe('symbol');
  });

  it('loads its data from the given folder on our own origin only', () => {
    for (const source of Object.values(style.sources)) {
      expect(source.type).toBe('geojson');
      const data = 'data' in source ? source.data : undefined;
      expect(typeof data === 'string' && data.startsWith('https://atlas.example/basemap/')).toBe(true);
    }
  });

  it('escapes the attribution labels', () => {
    const attributions = Object.values(style.sources).map((source) =>
      'attribution' in source ? source.attribution : '',
    );
    expect(attributions.join(' ')).toContain('IGN &#60;Admin Express&#62;');
  });
});

describe('the bundled basemap files', () => {
  it('are all there, as GeoJSON FeatureCollections', () => {
    for (const file of Object.values(BASEMAP_FILES)) {
      const data = JSON.parse(readFileSync(join(publicBasemap, file), 'utf8'));
      expect(data.type).toBe('FeatureCollection');
      expect(data.features.length).toBeGreaterThan(0);
    }
  });

  it('stay under 1 MB together', () => {
    const total = readdirSync(publicBasemap).reduce(
      (sum, file) => sum + statSync(join(publicBasemap, file)).size,
      0,
    );
    expect(total).toBeLessThan(1_000_000);
  });
});

describe('the entries source', () => {
  it('is clustered and keyed by id, so that updateData works', () => {
    expect(entriesSource()).toMatchObject({ type: 'geojson', cluster: true, promoteId: 'id' });
  });
});
