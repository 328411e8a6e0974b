import { describe, expect, it } from 'vitest';
import { nearbyPairs, type PointRow } from './nearby-pairs';

// The boxes the database compares: ±100 m at the later row's latitude (see analyse.ts).
function boxesOverlap(a: PointRow, b: PointRow): boolean {
  const dx = 100 / (111_320 * Math.max(Math.cos(((b.lat as number) * Math.PI) / 180), 0.01));
  const dy = 100 / 110_574;
  return Math.abs(a.lng! - b.lng!) <= dx && Math.abs(a.lat! - b.lat!) <= dy;
}

function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('nearbyPairs', () => {
  it('finds every pair of rows whose boxes overlap, the earlier row first', () => {
    const rnd = random(7);
    const rows: PointRow[] = [];
    // Clustered points (many within 100 m of each other), at several latitudes, and some without a place.
    for (let i = 1; i <= 600; i++) {
      const lat = [-60, 0, 45.2, 71][i % 4]! + rnd() * 0.01;
      rows.push({ rowNumber: i, lng: 5 + rnd() * 0.01, lat: i % 50 === 0 ? null : lat });
    }
    const found = new Set(nearbyPairs(rows, 100).map(([a, b]) => `${a}-${b}`));
    const located = rows.filter((r) => r.lat !== null);
    for (const b of located)
      for (const a of located)
        if (a.rowNumber < b.rowNumber && boxesOverlap(a, b))
          expect(found).toContain(`${a.rowNumber}-${b.rowNumber}`);
    for (const pair of found) {
      const [a, b] = pair.split('-').map(Number) as [number, number];
      expect(a).toBeLessThan(b);
    }
  });

  it('leaves out rows far apart and rows without coordinates', () => {
    const rows: PointRow[] = [
      { rowNumber: 1, lng: 2.35, lat: 48.85 },
      { rowNumber: 2, lng: 2.36, lat: 48.85 },
      { rowNumber: 3, lng: null, lat: null },
    ];
    expect(nearbyPairs(rows, 100)).toEqual([]);
  });
});
