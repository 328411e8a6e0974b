import { describe, expect, it } from 'vitest';
import type { EntryFeature } from '../../../server/contract/entry';
import type { ThemeTree } from '../../../server/contract/theme';
import { ThemeIndex } from '../themes/theme-index';
import { INITIAL_STATE } from '../url-state/app-state';
import { applyFilter, compileFilter } from './entry-filter';

const tree: ThemeTree = {
  themes: [
    {
      slug: 'tiers-lieux',
      labels: { fr: 'Tiers-lieux', en: 'Third places' },
      color: '#475569',
      icon: null,
      count: 3,
      children: [
        { slug: 'fablab', labels: { fr: 'Fablab', en: 'Fablab' }, color: '#c2410c', icon: null, count: 1 },
        {
          slug: 'coworking',
          labels: { fr: 'Coworking', en: 'Coworking' },
          color: '#2563eb',
          icon: null,
          count: 1,
        },
      ],
    },
    {
      slug: 'libertes',
      labels: { fr: 'Libertés', en: 'Freedoms' },
      color: '#111111',
      icon: null,
      count: 1,
      children: [],
    },
  ],
};
const index = new ThemeIndex(tree);

function entry(
  id: string,
  kind: EntryFeature['properties']['kind'],
  themes: string[],
  status = 'published',
): EntryFeature {
  return {
    type: 'Feature',
    id,
    geometry: null,
    properties: { kind, themes, status } as unknown as EntryFeature['properties'],
  };
}

const entries = [
  entry('fab', 'place', ['fablab']),
  entry('cow', 'place', ['coworking', 'libertes']),
  entry('net', 'network', ['tiers-lieux']),
  entry('res', 'resource', ['libertes'], 'pending'),
];
const ids = (list: EntryFeature[]) => list.map((e) => e.id);
const none = { members: null, matches: null };

describe('the client-side filter', () => {
  it('keeps everything without a filter', () => {
    expect(ids(applyFilter(entries, compileFilter(INITIAL_STATE, index, none)))).toEqual([
      'fab',
      'cow',
      'net',
      'res',
    ]);
  });

  it('matches any of several themes, a parent including its children', () => {
    const filter = compileFilter({ ...INITIAL_STATE, themes: ['tiers-lieux'] }, index, none);
    expect(ids(applyFilter(entries, filter))).toEqual(['fab', 'cow', 'net']);
    const two = compileFilter({ ...INITIAL_STATE, themes: ['fablab', 'libertes'] }, index, none);
    expect(ids(applyFilter(entries, two))).toEqual(['fab', 'cow', 'res']);
  });

  it('combines kinds, statuses and themes with AND', () => {
    const filter = compileFilter(
      { ...INITIAL_STATE, kinds: ['resource', 'place'], themes: ['libertes'], statuses: ['pending'] },
      index,
      none,
    );
    expect(ids(applyFilter(entries, filter))).toEqual(['res']);
  });

  it('keeps only the network members and the search matches', () => {
    const filter = compileFilter({ ...INITIAL_STATE, network: 'n', q: 'lab' }, index, {
      members: new Set(['fab', 'cow']),
      matches: new Map([['fab', 0]]),
    });
    expect(ids(applyFilter(entries, filter))).toEqual(['fab']);
  });

  it('shows nothing for a search whose results have not come back yet', () => {
    expect(applyFilter(entries, compileFilter({ ...INITIAL_STATE, q: 'lab' }, index, none))).toEqual([]);
  });
});
