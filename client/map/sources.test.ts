import { describe, expect, it } from 'vitest';
import type { MapEntry } from './atlas-map';
import { entriesFeatureCollection, entriesSourceDiff } from './sources';

const entry: MapEntry = { id: 'a1', lng: 2.35, lat: 48.85, name: 'Le Fab', kind: 'place', color: '#c2410c' };

describe('entries source data', () => {
  it('carries the id both as the feature id and as the promoted property', () => {
    const [feature] = entriesFeatureCollection([entry]).features;
    expect(feature).toEqual({
      type: 'Feature',
      id: 'a1',
      geometry: { type: 'Point', coordinates: [2.35, 48.85] },
      properties: { id: 'a1', name: 'Le Fab', kind: 'place', color: '#c2410c' },
    });
  });

  it('turns upserts into additions, which replace a feature with the same id', () => {
    const diff = entriesSourceDiff({ upsert: [entry], remove: ['b2'] });
    expect(diff.remove).toEqual(['b2']);
    expect(diff.add.map((f) => f.id)).toEqual(['a1']);
  });
});
