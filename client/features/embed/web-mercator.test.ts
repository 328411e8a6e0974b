import { describe, expect, it } from 'vitest';
import { fitBounds, project, TILE, unproject } from './web-mercator';

describe('web mercator', () => {
  it('puts (0, 0) in the middle of the world square and round-trips', () => {
    expect(project(0, 0)).toEqual([TILE / 2, TILE / 2]);
    const [lng, lat] = unproject(...project(4.8357, 45.764));
    expect(lng).toBeCloseTo(4.8357, 6);
    expect(lat).toBeCloseTo(45.764, 6);
  });

  it('fits metropolitan France in a small iframe around zoom 4', () => {
    const { center, zoom } = fitBounds([-5.2, 41.3, 9.6, 51.1], 600, 400);
    expect(center[0]).toBeCloseTo(2.2, 1);
    expect(zoom).toBeGreaterThan(3.5);
    expect(zoom).toBeLessThan(5);
  });
});
