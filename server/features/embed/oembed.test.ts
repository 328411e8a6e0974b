import { describe, expect, it } from 'vitest';
import { discoveryLink, embedSearchFor, oembedFor } from './oembed';

const base = 'https://atlas.example';

describe('oembedFor', () => {
  it('answers a rich iframe of the embed page, within maxwidth and maxheight', () => {
    const answer = oembedFor(`${base}/embed?theme=fablab&list=1`, base, { maxwidth: 600, maxheight: 900 });
    expect(answer).toMatchObject({ version: '1.0', type: 'rich', width: 600, height: 500 });
    expect(answer?.html).toContain('src="https://atlas.example/embed?theme=fablab&#38;list=1"');
  });

  it('turns an app URL into embed parameters: filters kept, view as center and zoom', () => {
    const page = new URL(`${base}/?theme=fablab&kind=place&map=9/45.764/4.8357&entry=x&list=all`);
    expect(embedSearchFor(page)).toBe('theme=fablab&kind=place&center=4.8357%2C45.764&zoom=9');
  });

  it('refuses another site and pages without an embed', () => {
    expect(oembedFor('https://evil.example/embed', base, {})).toBeNull();
    expect(oembedFor(`${base}/api/entries`, base, {})).toBeNull();
    expect(oembedFor('not a url', base, {})).toBeNull();
  });

  it('escapes the page URL in the discovery link', () => {
    expect(discoveryLink(base, `${base}/?q="><x`)).not.toContain('"><x');
  });
});
