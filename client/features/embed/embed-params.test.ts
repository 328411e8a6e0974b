import { describe, expect, it } from 'vitest';
import { DEFAULT_EMBED, formatEmbedParams, parseEmbedParams } from './embed-params';

describe('parseEmbedParams', () => {
  it('reads repeated and space-separated themes and kinds', () => {
    const params = parseEmbedParams('?theme=fablab&theme=repair-cafe%20libertes&kind=place&kind=bogus');
    expect(params.themes).toEqual(['fablab', 'repair-cafe', 'libertes']);
    expect(params.kinds).toEqual(['place']);
  });

  it('reads the view, the switches and the basemap', () => {
    const params = parseEmbedParams('?center=4.83,45.76&zoom=9&list=1&live=1&legend=0&basemap=world&lang=en');
    expect(params).toMatchObject({ center: [4.83, 45.76], zoom: 9, list: true, live: true, legend: false });
    expect(params.basemap).toBe('world');
    expect(params.lang).toBe('en');
  });

  it('keeps the defaults for malformed values', () => {
    const params = parseEmbedParams(
      '?bbox=1,2,3&network=nope&workshop=%3Cscript%3E&zoom=99&basemap=http://x',
    );
    expect(params).toEqual(DEFAULT_EMBED);
  });

  it('round-trips through formatEmbedParams without the defaults', () => {
    const search = formatEmbedParams({
      themes: ['fablab'],
      bbox: [2.2, 48.8, 2.5, 48.9],
      list: true,
      legend: true,
    });
    expect(search).toBe('theme=fablab&bbox=2.2%2C48.8%2C2.5%2C48.9&list=1');
    expect(parseEmbedParams(`?${search}`).bbox).toEqual([2.2, 48.8, 2.5, 48.9]);
  });
});
