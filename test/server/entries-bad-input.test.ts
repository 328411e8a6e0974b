import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAuth, buildTestApp, type TestApp } from '../helpers/app';
import {
  createTheme,
  networkFeature,
  placeFeature,
  resourceFeature,
  withoutRateLimits,
} from '../helpers/factories';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp(withoutRateLimits);
  await createTheme(t.app.db, 'fabrication');
});
afterAll(async () => {
  await t?.close();
});

type Response = Awaited<ReturnType<TestApp['app']['inject']>>;

/** A problem+json answer with `status`, and (for 400) an error at `path`. */
function expectProblem(res: Response, status: number, path?: string) {
  expect(res.statusCode, res.body).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  const body = res.json();
  expect(body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
  expect(res.body).not.toMatch(/\n\s+at /); // no stack trace
  if (path) expect(body.errors.map((e: { path: string }) => e.path)).toContain(path);
}

function postRaw(payload: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/entries',
    headers: { ...adminAuth, 'content-type': 'application/json' },
    payload,
  });
}
function post(body: unknown) {
  return t.app.inject({ method: 'POST', url: '/api/entries', headers: adminAuth, payload: body as object });
}
function list(query: string) {
  return t.app.inject({ method: 'GET', url: `/api/entries?${query}` });
}

const bowtie = {
  type: 'Polygon',
  coordinates: [
    [
      [0, 0],
      [1, 1],
      [1, 0],
      [0, 1],
      [0, 0],
    ],
  ],
};
const square = {
  type: 'Polygon',
  coordinates: [
    [
      [2, 48],
      [3, 48],
      [3, 49],
      [2, 49],
      [2, 48],
    ],
  ],
};

describe('bad entry bodies', () => {
  it('malformed JSON → 400', async () => {
    expectProblem(await postRaw('{"type": "Feature", '), 400);
  });

  it('NaN (not JSON) → 400', async () => {
    expectProblem(
      await postRaw(
        '{"type":"Feature","geometry":{"type":"Point","coordinates":[NaN,1]},"properties":{"kind":"place","name":"x"}}',
      ),
      400,
    );
  });

  it('1e999 (parses to Infinity) as a longitude → 400 at the coordinate', async () => {
    const res = await postRaw(
      '{"type":"Feature","geometry":{"type":"Point","coordinates":[1e999,45]},"properties":{"kind":"place","name":"x"}}',
    );
    expectProblem(res, 400, '/geometry/coordinates/0');
  });

  it('-1e999 as a latitude → 400 at the coordinate', async () => {
    const res = await postRaw(
      '{"type":"Feature","geometry":{"type":"Point","coordinates":[2,-1e999]},"properties":{"kind":"place","name":"x"}}',
    );
    expectProblem(res, 400, '/geometry/coordinates/1');
  });

  const cases: [string, unknown, string][] = [
    ['an unknown property', placeFeature({ colour: 'red' }), '/properties/colour'],
    ['an unknown top-level field', { ...placeFeature(), extra: 1 }, '/extra'],
    ['a name of the wrong type', placeFeature({ name: 123 }), '/properties/name'],
    ['tags of the wrong type', placeFeature({ tags: 'a,b' }), '/properties/tags'],
    ['a kind that does not exist', placeFeature({ kind: 'shop' }), '/properties/kind'],
    ['a longitude out of range', placeFeature({}, [181, 45]), '/geometry/coordinates/0'],
    ['a latitude out of range', placeFeature({}, [2, -91]), '/geometry/coordinates/1'],
    [
      'a coordinate given as a string',
      placeFeature({}, ['2.3', 48] as unknown as [number, number]),
      '/geometry/coordinates/0',
    ],
    ['an empty name', placeFeature({ name: '' }), '/properties/name'],
    ['a blank name', placeFeature({ name: '   ' }), '/properties/name'],
    ['a name over 200 characters', placeFeature({ name: 'x'.repeat(201) }), '/properties/name'],
    ['a summary over 280 characters', placeFeature({ summary: 'x'.repeat(281) }), '/properties/summary'],
    ['a URL that is not http(s)', placeFeature({ url: 'ftp://example.org' }), '/properties/url'],
    ['a javascript: URL', placeFeature({ url: 'javascript:alert(1)' }), '/properties/url'],
    [
      'a link that is not http(s)',
      placeFeature({ links: [{ url: 'file:///etc/passwd' }] }),
      '/properties/links/0/url',
    ],
    ['an id that is not a uuid', { ...placeFeature(), id: 'not-a-uuid' }, '/id'],
    ['a place without a geometry', { ...placeFeature(), geometry: null }, '/geometry'],
    ['a place with a polygon geometry', { ...placeFeature(), geometry: square }, '/geometry'],
    ['a territory on a place', placeFeature({ area: square }), '/properties/area'],
    ['a territory on a resource', resourceFeature({ area: square }), '/properties/area'],
    ['a licence on a place', placeFeature({ license: 'MIT' }), '/properties/license'],
    ['a licence that is not an SPDX id', resourceFeature({ license: 'Beerware-9' }), '/properties/license'],
    ['a self-intersecting territory', networkFeature({ area: bowtie }), '/properties/area'],
    [
      'a territory ring that is not closed',
      networkFeature({
        area: {
          type: 'Polygon',
          coordinates: [
            [
              [2, 48],
              [3, 48],
              [3, 49],
              [2, 49],
            ],
          ],
        },
      }),
      '/properties/area/coordinates/0/0',
    ],
    [
      'a territory ring with too few positions',
      networkFeature({
        area: {
          type: 'Polygon',
          coordinates: [
            [
              [2, 48],
              [3, 48],
              [2, 48],
            ],
          ],
        },
      }),
      '/properties/area/coordinates/0',
    ],
    ['an unknown theme', placeFeature({ themes: ['fabrication', 'nope'] }), '/properties/themes/1'],
    [
      'an INSEE code of the wrong shape',
      placeFeature({ address: { inseeCode: '123' } }),
      '/properties/address/inseeCode',
    ],
  ];
  it.each(cases)('%s → 400 pointing at the field', async (_name, body, path) => {
    expectProblem(await post(body), 400, path);
  });

  it('names why a self-intersecting polygon is invalid', async () => {
    const res = await post(networkFeature({ area: bowtie }));
    expect(res.json().errors[0].message).toMatch(/self-intersection/i);
  });

  it('a body over 1 MB → 413', async () => {
    expectProblem(await post(placeFeature({ description: 'x'.repeat(1024 * 1024 + 10) })), 413);
  });

  it('an entry id in the path that is not a uuid → 400', async () => {
    expectProblem(await t.app.inject({ method: 'GET', url: '/api/entries/42' }), 400, '/params/id');
  });

  it('a PATCH with a malformed If-Match → 400', async () => {
    const body = placeFeature();
    await post(body);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/entries/${body.id}`,
      headers: { ...adminAuth, 'if-match': 'version-one' },
      payload: { properties: { name: 'x' } },
    });
    expectProblem(res, 400, '/headers/if-match');
  });

  it('a PATCH that empties the name → 400', async () => {
    const body = placeFeature();
    await post(body);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/entries/${body.id}`,
      headers: { ...adminAuth, 'if-match': '"1"' },
      payload: { properties: { name: '' } },
    });
    expectProblem(res, 400, '/properties/name');
  });

  it('a PATCH that removes the point of a place → 400', async () => {
    const body = placeFeature();
    await post(body);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/entries/${body.id}`,
      headers: { ...adminAuth, 'if-match': '"1"' },
      payload: { geometry: null },
    });
    expectProblem(res, 400, '/geometry');
  });
});

describe('bad list queries', () => {
  const cases: [string, string, string][] = [
    ['a bbox with three numbers', 'bbox=1,2,3', '/querystring/bbox'],
    ['a bbox with a word', 'bbox=a,45,3,46', '/querystring/bbox'],
    ['a bbox with an infinite number', 'bbox=1e999,45,3,46', '/querystring/bbox'],
    ['a bbox latitude out of range', 'bbox=1,-95,3,46', '/querystring/bbox'],
    ['a bbox south of north', 'bbox=1,47,3,46', '/querystring/bbox'],
    ['near without a distance', 'near=2.3,48.8', '/querystring/near'],
    ['near with a zero distance', 'near=2.3,48.8,0', '/querystring/near'],
    ['near beyond 1,000 km', 'near=2.3,48.8,2000000', '/querystring/near'],
    ['near with NaN', 'near=NaN,48.8,100', '/querystring/near'],
    ['a limit over 1,000', 'limit=1001', '/querystring/limit'],
    ['a limit of zero', 'limit=0', '/querystring/limit'],
    ['a forged cursor', 'cursor=bm90LWEtY3Vyc29y', '/querystring/cursor'],
    ['an unknown kind', 'kind=shop', '/querystring/kind/0'],
    ['an unknown status', 'status=gone', '/querystring/status/0'],
    ['an unknown theme', 'theme=nope', '/querystring/theme/0'],
    ['an unknown workshop', 'workshop=ZZZZZZ', '/querystring/workshop'],
    ['a network that is not a uuid', 'network=42', '/querystring/network'],
    ['updatedSince that is not a date', 'updatedSince=yesterday', '/querystring/updatedSince'],
    ['a blank q', 'q=%20%20', '/querystring/q'],
  ];
  it.each(cases)('%s → 400 pointing at the parameter', async (_name, query, path) => {
    expectProblem(await list(query), 400, path);
  });

  it('an unknown parameter → 400', async () => {
    expectProblem(await list('colour=red'), 400);
  });
});
