import { describe, expect, it } from 'vitest';
import type { EntryFeature } from '../../../server/contract/entry';
import type { ThemeTree } from '../../../server/contract/theme';
import { mainThemeColors } from '../themes/theme-colors';
import { toMapEntries } from './map-entries';

const tree: ThemeTree = {
  themes: [
    {
      slug: 'fabrication',
      labels: { fr: 'Fabrication', en: 'Making' },
      color: '#c2410c',
      icon: null,
      count: 2,
      children: [
        { slug: 'fablab', labels: { fr: 'Fablab', en: 'Fablab' }, color: '#fb923c', icon: null, count: 2 },
      ],
    },
  ],
};

function entry(id: string, themes: string[], located = true): EntryFeature {
  return {
    type: 'Feature',
    id,
    geometry: located ? { type: 'Point', coordinates: [4.83, 45.76] } : null,
    properties: { kind: 'place', name: id, themes } as unknown as EntryFeature['properties'],
  };
}

describe('toMapEntries', () => {
  it('colours an entry with the colour of its first theme that has one', () => {
    const { entries } = toMapEntries([entry('a', ['unknown', 'fablab'])], mainThemeColors(tree));
    expect(entries[0]?.color).toBe('#fb923c');
  });

  it('leaves the colour to the map default when no theme matches', () => {
    const { entries } = toMapEntries([entry('a', [])], mainThemeColors(tree));
    expect(entries[0]?.color).toBeNull();
  });

  it('counts the entries without a location instead of drawing them', () => {
    const result = toMapEntries([entry('a', []), entry('b', [], false)], new Map());
    expect(result.entries.map((e) => e.id)).toEqual(['a']);
    expect(result.unlocated).toBe(1);
  });
});
