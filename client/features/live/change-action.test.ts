import { describe, expect, it } from 'vitest';
import type { EntryFeature } from '../../../server/contract/entry';
import { changeAction } from './change-action';

function entry(version: number, status = 'published', deletedAt: string | null = null): EntryFeature {
  return {
    type: 'Feature',
    id: 'e1',
    geometry: { type: 'Point', coordinates: [2.35, 48.85] },
    properties: { name: 'Fablab', version, status, deletedAt } as unknown as EntryFeature['properties'],
  };
}

describe('changeAction', () => {
  it('adds a published entry the page does not hold yet', () => {
    expect(changeAction(entry(1), undefined, true).type).toBe('upsert');
  });

  it('ignores a replayed change older than the version held', () => {
    expect(changeAction(entry(2), { version: 3 }, true)).toEqual({ type: 'ignore' });
  });

  it('removes a held entry once deleted or rejected', () => {
    expect(changeAction(entry(2, 'published', '2026-11-23T10:00:00Z'), { version: 1 }, true)).toEqual({
      type: 'remove',
      id: 'e1',
    });
    expect(changeAction(entry(2, 'rejected'), { version: 1 }, true).type).toBe('remove');
  });

  it('removes a held entry that no longer matches the filters, and ignores one never held', () => {
    expect(changeAction(entry(2), { version: 1 }, false).type).toBe('remove');
    expect(changeAction(entry(2), undefined, false).type).toBe('ignore');
  });

  it('shows a pending entry (the feed sends those only to their author and the moderators)', () => {
    expect(changeAction(entry(1, 'pending'), undefined, true).type).toBe('upsert');
  });
});
