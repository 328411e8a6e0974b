import { describe, expect, it } from 'vitest';
import type { EntryFeature } from '../../../server/contract/entry';
import { distanceMeters, inBounds, sortEntries } from './entry-sort';

function entry(
  id: string,
  name: string,
  at: [number, number] | null,
  updatedAt = '2024-01-01T00:00:00Z',
): EntryFeature {
  return {
    type: 'Feature',
    id,
    geometry: at ? { type: 'Point', coordinates: at } : null,
    properties: { name, updatedAt, area: null } as unknown as EntryFeature['properties'],
  };
}

const lyon = entry('lyon', 'Été numérique', [4.8357, 45.764], '2024-03-01T00:00:00Z');
const paris = entry('paris', 'atelier', [2.3522, 48.8566], '2024-05-01T00:00:00Z');
const nowhere = entry('nowhere', 'Zèbre', null, '2024-04-01T00:00:00Z');
const ids = (list: EntryFeature[]) => list.map((e) => e.id);
const context = { center: [4.8, 45.7] as const, ranks: null };

describe('sorting the list', () => {
  it('sorts names without regard to accents or case', () => {
    expect(ids(sortEntries([nowhere, lyon, paris], 'name', context))).toEqual(['paris', 'lyon', 'nowhere']);
  });

  it('sorts by distance from the map centre, entries without a location last', () => {
    expect(ids(sortEntries([nowhere, paris, lyon], 'distance', context))).toEqual([
      'lyon',
      'paris',
      'nowhere',
    ]);
  });

  it('puts the latest change first', () => {
    expect(ids(sortEntries([lyon, paris, nowhere], 'updated', context))).toEqual([
      'paris',
      'nowhere',
      'lyon',
    ]);
  });

  it('follows the search ranks', () => {
    const ranks = new Map([
      ['nowhere', 0],
      ['lyon', 1],
    ]);
    expect(ids(sortEntries([paris, lyon, nowhere], 'relevance', { ...context, ranks }))).toEqual([
      'nowhere',
      'lyon',
      'paris',
    ]);
  });
});

describe('distances and bounds', () => {
  it('measures Paris–Lyon at about 392 km', () => {
    expect(distanceMeters([2.3522, 48.8566], [4.8357, 45.764]) / 1000).toBeCloseTo(392, -1);
  });

  it('finds a network by its territory when it has no seat', () => {
    const network = entry('n', 'Réseau', null);
    network.properties.area = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [4, 45],
            [5, 45],
            [5, 46],
            [4, 45],
          ],
        ],
      ],
    };
    expect(inBounds(network, [4.5, 45.5, 6, 47])).toBe(true);
    expect(inBounds(network, [6, 45, 7, 46])).toBe(false);
    expect(inBounds(lyon, [4, 45, 5, 46])).toBe(true);
  });
});
