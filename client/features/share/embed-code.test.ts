import { describe, expect, it } from 'vitest';
import { INITIAL_STATE } from '../url-state/app-state';
import { embedParamsFromApp, embedUrl, iframeCode, scriptCode } from './embed-code';

const origin = 'https://atlas.example';

describe('embed code', () => {
  it('carries the app filters and view into the embed URL', () => {
    const params = embedParamsFromApp(
      { ...INITIAL_STATE, themes: ['fablab'], kinds: ['place'], view: { lng: 4.8357, lat: 45.764, zoom: 9 } },
      'fr',
    );
    expect(embedUrl(origin, params)).toBe(
      'https://atlas.example/embed?theme=fablab&kind=place&center=4.8357%2C45.764&zoom=9&lang=fr',
    );
  });

  it('escapes what goes into attributes', () => {
    const code = iframeCode(origin, { q: '"><script>', height: 480 }, 'Carte "atlas"');
    expect(code).not.toContain('"><script>');
    expect(code).toContain('title="Carte &#34;atlas&#34;"');
  });

  it('writes the custom element with space-separated themes', () => {
    const code = scriptCode(origin, { themes: ['fablab', 'repair-cafe'], list: true, height: 500 });
    expect(code).toBe(
      '<script src="https://atlas.example/embed.js" async></script>\n' +
        '<atlas-map theme="fablab repair-cafe" list="1" height="500"></atlas-map>',
    );
  });
});
