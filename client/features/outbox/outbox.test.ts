import { describe, expect, it } from 'vitest';
import type { EntryFeature, EntryInput } from '../../../server/contract/entry';
import { Outbox } from './outbox';
import type { OutboxItem } from './outbox-item';
import { memoryStore } from './outbox-store';
import type { SendOutcome } from './send-item';

const input: EntryInput = {
  type: 'Feature',
  geometry: { type: 'Point', coordinates: [4.83, 45.76] },
  properties: { kind: 'place', name: 'Repair café' },
};

function feature(id: string, version: number): EntryFeature {
  return {
    type: 'Feature',
    id,
    geometry: null,
    properties: { name: 'Repair café', version },
  } as EntryFeature;
}

/** Resolves once the outbox's items satisfy `done`. */
function until(outbox: { list(): OutboxItem[] }, done: (items: OutboxItem[]) => boolean) {
  return new Promise<OutboxItem[]>((resolve) => {
    const check = () => {
      if (done(outbox.list())) resolve(outbox.list());
      else setTimeout(check, 5);
    };
    check();
  });
}

describe('Outbox', () => {
  it('keeps an item waiting after a network failure and sends it on retry', async () => {
    const answers: SendOutcome[] = [{ type: 'retry', reason: 'network' }];
    const outbox = new Outbox(memoryStore(), { changed: () => {} }, async (item) => {
      return answers.shift() ?? { type: 'sent', entry: feature(item.entryId, 1) };
    });
    await outbox.start();
    const item = await outbox.create(input, 'tok');
    await until(outbox, (items) => items[0]?.reason === 'network');
    expect(outbox.list()[0]?.state).toBe('waiting');
    outbox.retryNow();
    const [sent] = await until(outbox, (items) => items[0]?.state === 'sent');
    expect(sent?.result?.id).toBe(item.entryId);
    expect(sent?.attempts).toBe(2);
  });

  it('resumes what a closed tab left in the store', async () => {
    const store = memoryStore();
    const first = new Outbox(store, { changed: () => {} }, async () => ({
      type: 'retry',
      reason: 'network',
    }));
    await first.start();
    await first.create(input, 'tok');
    await until(first, (items) => items[0]?.reason === 'network');
    const sentIds: string[] = [];
    const second = new Outbox(store, { changed: () => {} }, async (item) => {
      sentIds.push(item.entryId);
      return { type: 'sent', entry: feature(item.entryId, 1) };
    });
    await second.start();
    await until(second, (items) => items[0]?.state === 'sent');
    expect(sentIds).toHaveLength(1);
  });

  it('stops an edit on a 412 until the person chooses, then sends it on top of their version', async () => {
    const theirs = feature('e1', 5);
    const sent: OutboxItem[] = [];
    const outbox = new Outbox(memoryStore(), { changed: () => {} }, async (item) => {
      sent.push(structuredClone(item));
      return sent.length === 1 ? { type: 'conflict', theirs } : { type: 'sent', entry: feature('e1', 6) };
    });
    await outbox.start();
    const item = await outbox.update(feature('e1', 3), { properties: { name: 'Mine' } }, 'tok');
    await until(outbox, (items) => items[0]?.state === 'conflict');
    expect(sent).toHaveLength(1);
    await outbox.keepMine(item.key);
    await until(outbox, (items) => items[0]?.state === 'sent');
    expect(sent[1]?.op === 'update' && sent[1].baseVersion).toBe(5);
  });
});
