import { describe, expect, it } from 'vitest';
import { RevisionFrontier } from '../../server/features/live/revision-frontier';

const ids = (...n: number[]) => n.map(BigInt);
const writers = (...names: string[]) => new Set(names);

describe('RevisionFrontier', () => {
  it('moves over consecutive ids at once', () => {
    const f = new RevisionFrontier(4n);
    expect(f.advance(ids(5, 6, 7), null)).toBe(3);
    expect(f.last).toBe(7n);
    expect(f.waiting).toBe(false);
  });

  it('stops at a gap first seen, and asks for the writers in flight', () => {
    const f = new RevisionFrontier(4n);
    expect(f.advance(ids(5, 7), writers())).toBe(1);
    expect(f.last).toBe(5n);
    expect(f.waiting).toBe(true);
    expect(f.needsWriters).toBe(true);
    f.record(writers('3/10'));
    expect(f.needsWriters).toBe(false);
  });

  it('delivers the late revision in order once it commits', () => {
    const f = new RevisionFrontier(4n);
    expect(f.advance(ids(6, 7), null)).toBe(0);
    f.record(writers('3/10', '4/2'));
    // id 5 committed meanwhile: no need for the writers to have ended.
    expect(f.advance(ids(5, 6, 7), writers('3/10', '4/2'))).toBe(3);
    expect(f.last).toBe(7n);
    expect(f.waiting).toBe(false);
  });

  it('waits while a writer of the gap is in flight, and passes it once they have all ended (a rollback)', () => {
    const f = new RevisionFrontier(4n);
    expect(f.advance(ids(6), null)).toBe(0);
    f.record(writers('3/10', '4/2'));
    expect(f.advance(ids(6), writers('4/2', '5/1'))).toBe(0);
    expect(f.advance(ids(6), null)).toBe(0);
    expect(f.last).toBe(4n);
    // Writers that came later do not hold the gap back.
    expect(f.advance(ids(6, 8), writers('5/1', '6/7'))).toBe(1);
    expect(f.last).toBe(6n);
    // 7 is a new gap, seen first now: it waits for its own writers.
    expect(f.needsWriters).toBe(true);
    f.record(writers());
    expect(f.advance(ids(8), writers('5/1'))).toBe(1);
    expect(f.last).toBe(8n);
    expect(f.waiting).toBe(false);
  });

  it('judges what is left of a partly filled gap by the writers of when it was first seen', () => {
    const f = new RevisionFrontier(0n);
    expect(f.advance(ids(5), null)).toBe(0);
    f.record(writers('a', 'b'));
    expect(f.advance(ids(2, 5), writers('b'))).toBe(0);
    expect(f.last).toBe(0n);
    expect(f.needsWriters).toBe(false);
    expect(f.advance(ids(1, 2, 5), writers('c'))).toBe(3);
    expect(f.last).toBe(5n);
  });

  it('ignores ids at or below the frontier', () => {
    const f = new RevisionFrontier(10n);
    expect(f.advance(ids(9, 10, 11), null)).toBe(3);
    expect(f.last).toBe(11n);
  });
});
