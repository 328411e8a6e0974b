import { describe, expect, it } from 'vitest';
import type { EntryFeature } from '../../../server/contract/entry';
import type { CreateItem, UpdateItem } from './outbox-item';
import { classifyFailure, sendItem } from './send-item';

const theirs = {
  type: 'Feature',
  id: 'e1',
  geometry: null,
  properties: { version: 4 },
} as unknown as EntryFeature;

function createItem(): CreateItem {
  return {
    op: 'create',
    key: 'e1',
    entryId: 'e1',
    label: 'Fablab',
    state: 'waiting',
    attempts: 0,
    nextAttemptAt: 0,
    token: 'tok',
    createdAt: 0,
    updatedAt: 0,
    body: { type: 'Feature', id: 'e1', geometry: null, properties: { kind: 'resource', name: 'Fablab' } },
  };
}

describe('classifyFailure', () => {
  it('turns a 412 with the current entry into a conflict, never a retry', () => {
    expect(classifyFailure(412, { entry: theirs })).toEqual({ type: 'conflict', theirs });
  });

  it('retries server errors and rate limits, after Retry-After when given', () => {
    expect(classifyFailure(503, {}).type).toBe('retry');
    expect(classifyFailure(429, {}, '7')).toMatchObject({
      type: 'retry',
      reason: 'rate-limited',
      afterMs: 7000,
    });
  });

  it('gives up on what a retry cannot fix, with the server detail', () => {
    expect(classifyFailure(403, { detail: 'The workshop is closed.' })).toEqual({
      type: 'failed',
      reason: 'forbidden',
      status: 403,
      detail: 'The workshop is closed.',
    });
    expect(classifyFailure(409, {}).type).toBe('failed');
    expect(classifyFailure(400, { title: 'Invalid request' })).toMatchObject({ reason: 'invalid' });
  });
});

describe('sendItem', () => {
  it('POSTs a creation with its token and its own id', async () => {
    let seen: { url: string; init: RequestInit } | null = null;
    const fetchStub = (async (url: string, init: RequestInit) => {
      seen = { url, init };
      return new Response(JSON.stringify(theirs), {
        status: 201,
        headers: { 'content-type': 'application/json' },
      });
    }) as unknown as typeof fetch;
    const outcome = await sendItem(createItem(), fetchStub);
    expect(outcome).toEqual({ type: 'sent', entry: theirs });
    expect(seen!.url).toBe('/api/entries');
    expect((seen!.init.headers as Record<string, string>).authorization).toBe('Bearer tok');
    expect(JSON.parse(seen!.init.body as string).id).toBe('e1');
  });

  it('PATCHes an edit with If-Match, and reports no network as a retry', async () => {
    const item: UpdateItem = {
      ...createItem(),
      op: 'update',
      key: 'k',
      baseVersion: 3,
      body: { properties: { name: 'Fablab 2' } },
    };
    let ifMatch = '';
    const answer = (async (_url: string, init: RequestInit) => {
      ifMatch = (init.headers as Record<string, string>)['if-match'] ?? '';
      throw new TypeError('Failed to fetch');
    }) as unknown as typeof fetch;
    expect(await sendItem(item, answer)).toEqual({ type: 'retry', reason: 'network' });
    expect(ifMatch).toBe('"3"');
  });
});
