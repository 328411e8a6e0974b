import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EntryFeature } from '../../server/contract/entry';
import { ApiError, CLIENT_PROBLEMS, entriesSearchParams, getEntries, getThemes } from './api';

afterEach(() => vi.unstubAllGlobals());

function place(id: string): EntryFeature {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [2.35, 48.85] },
    properties: {
      kind: 'place',
      name: `Place ${id}`,
      summary: '',
      description: '',
      descriptionHtml: '',
      url: null,
      links: [],
      address: {},
      themes: [],
      tags: [],
      license: null,
      area: null,
      status: 'published',
      source: null,
      toLocate: false,
      workshopId: null,
      createdBy: null,
      version: 1,
      createdAt: '2024-01-01T00:00:00Z',
      updatedAt: '2024-01-01T00:00:00Z',
      deletedAt: null,
    },
  };
}

function json(body: unknown, status = 200, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });
}

/** A fake `GET /api/entries` over `total` places, paged by `limit` with numeric cursors. */
function stubEntries(total: number): string[] {
  const urls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string) => {
      urls.push(input);
      const params = new URL(input, 'http://atlas.test').searchParams;
      const start = Number(params.get('cursor') ?? 0);
      const limit = Number(params.get('limit'));
      const end = Math.min(total, start + limit);
      const features = Array.from({ length: end - start }, (_, i) => place(String(start + i)));
      return json({ type: 'FeatureCollection', features, next: end < total ? String(end) : null });
    }),
  );
  return urls;
}

describe('getEntries', () => {
  it('follows the next cursors to the last page', async () => {
    const urls = stubEntries(2500);
    const collection = await getEntries({ kind: 'place' });
    expect(collection.features).toHaveLength(2500);
    expect(collection.next).toBeNull();
    expect(urls).toEqual([
      '/api/entries?kind=place&limit=1000',
      '/api/entries?kind=place&limit=1000&cursor=1000',
      '/api/entries?kind=place&limit=1000&cursor=2000',
    ]);
  });

  it('stops at the cap and hands back the cursor to carry on', async () => {
    stubEntries(2500);
    const collection = await getEntries({ kind: 'place' }, { maxEntries: 1500 });
    expect(collection.features).toHaveLength(1500);
    expect(collection.next).toBe('1500');
  });

  it('turns a problem document into an ApiError', async () => {
    const problem = {
      type: '/problems/validation',
      title: 'Invalid request',
      status: 400,
      detail: '/querystring/bbox must match pattern',
      errors: [{ path: '/querystring/bbox', message: 'must match pattern' }],
    };
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => json(problem, 400, 'application/problem+json')),
    );
    const error = await getEntries({ bbox: [0, 0, 1, 1] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      title: 'Invalid request',
      detail: problem.detail,
      errors: problem.errors,
    });
  });

  it('reports a server that cannot be reached as status 0', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const error = await getEntries().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 0, type: CLIENT_PROBLEMS.network, isNetworkError: true });
  });

  it('rejects an HTML page answered in place of JSON', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<!doctype html>', { headers: { 'content-type': 'text/html' } })),
    );
    const error = await getEntries().catch((e: unknown) => e);
    expect(error).toMatchObject({ type: CLIENT_PROBLEMS.unexpectedAnswer });
  });

  it('keeps the status line of an error without a problem document', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('bad gateway', { status: 502, statusText: 'Bad Gateway' })),
    );
    const error = await getThemes().catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, title: 'Bad Gateway', errors: [] });
  });
});

describe('entriesSearchParams', () => {
  it('writes every filter the contract knows', () => {
    const params = entriesSearchParams(
      {
        kind: ['resource', 'network'],
        theme: ['libertes', 'accessibilite'],
        network: 'n1',
        bbox: [-5, 41, 10, 51],
        near: { lng: 2.35, lat: 48.85, meters: 500 },
        q: 'fablab',
      },
      100,
      'abc',
    );
    expect(params.toString()).toBe(
      'kind=resource&kind=network&theme=libertes&theme=accessibilite&network=n1&bbox=-5%2C41%2C10%2C51&near=2.35%2C48.85%2C500&q=fablab&limit=100&cursor=abc',
    );
  });
});
