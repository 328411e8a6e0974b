import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAuth, buildTestApp, type TestApp } from '../helpers/app';
import {
  createContributor,
  networkFeature,
  placeFeature,
  resourceFeature,
  type TestContributor,
  withoutRateLimits,
} from '../helpers/factories';

let t: TestApp;
let alice: TestContributor;
let bob: TestContributor;
beforeAll(async () => {
  t = await buildTestApp(withoutRateLimits);
  alice = await createContributor(t.app.db, { displayName: 'Alice' });
  bob = await createContributor(t.app.db, { displayName: 'Bob' });
});
afterAll(async () => {
  await t?.close();
});

async function entry(body: { id: string }, auth: Record<string, string> = adminAuth): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/entries', headers: auth, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return body.id;
}
function relate(body: Record<string, unknown>, auth: Record<string, string> = adminAuth) {
  return t.app.inject({ method: 'POST', url: '/api/relations', headers: auth, payload: body });
}
async function read(id: string) {
  return (await t.app.inject({ method: 'GET', url: `/api/entries/${id}` })).json();
}
async function lastRevision(id: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/entries/${id}/revisions?limit=1` });
  return res.json().revisions[0];
}

describe('create and summarize', () => {
  it('links a place to a network: 201 with both ends', async () => {
    const place = await entry(placeFeature({ name: 'Lieu A' }));
    const network = await entry(networkFeature({ name: 'Réseau A' }));
    const res = await relate({ type: 'member_of', from: place, to: network });
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(`/api/relations/${res.json().id}`);
    expect(res.json()).toMatchObject({
      type: 'member_of',
      from: { id: place, name: 'Lieu A', kind: 'place' },
      to: { id: network, name: 'Réseau A', kind: 'network' },
    });
  });

  it("summarizes an entry's relations in its answer, and counts incoming ones", async () => {
    const place = await entry(placeFeature({ name: 'Lieu B' }));
    const network = await entry(networkFeature({ name: 'Réseau B' }));
    const resource = await entry(resourceFeature({ name: 'HedgeDoc' }));
    await relate({ type: 'member_of', from: place, to: network });
    await relate({ type: 'uses', from: place, to: resource });
    const summary = (await read(place)).properties.relations;
    expect(summary.memberOf).toEqual([{ id: network, name: 'Réseau B', kind: 'network' }]);
    expect(summary.uses).toEqual([{ id: resource, name: 'HedgeDoc', kind: 'resource' }]);
    expect((await read(network)).properties.relations.incoming).toEqual({ member_of: 1 });
    expect((await read(resource)).properties.relations.incoming).toEqual({ uses: 1 });
  });

  it('shows a partnership on both sides', async () => {
    const a = await entry(placeFeature());
    const b = await entry(placeFeature({ name: 'Partenaire' }));
    await relate({ type: 'partner_of', from: a, to: b });
    expect((await read(b)).properties.relations.partnerOf.map((r: { id: string }) => r.id)).toEqual([a]);
  });

  it('leaves deleted ends out of the lists and the counts, and answers a new entry with empty ones', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/entries',
      headers: adminAuth,
      payload: placeFeature({ name: 'Lieu C' }),
    });
    expect(created.json().properties.relations).toEqual({
      memberOf: [],
      uses: [],
      maintains: [],
      contributesTo: [],
      partnerOf: [],
      incoming: {},
    });
    const place = created.json().id;
    const other = await entry(placeFeature({ name: 'Lieu D' }));
    const network = await entry(networkFeature({ name: 'Réseau C' }));
    await relate({ type: 'member_of', from: place, to: network });
    await relate({ type: 'member_of', from: other, to: network });
    await relate({ type: 'partner_of', from: other, to: place });
    expect((await read(network)).properties.relations.incoming).toEqual({ member_of: 2 });
    expect((await read(place)).properties.relations.partnerOf.map((r: { id: string }) => r.id)).toEqual([
      other,
    ]);
    const version = (await read(other)).properties.version;
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/api/entries/${other}`,
      headers: { ...adminAuth, 'if-match': `"${version}"` },
    });
    expect(deleted.statusCode, deleted.body).toBeLessThan(300);
    expect((await read(network)).properties.relations.incoming).toEqual({ member_of: 1 });
    expect((await read(place)).properties.relations.partnerOf).toEqual([]);
    expect((await read(place)).properties.relations.memberOf.map((r: { id: string }) => r.id)).toEqual([
      network,
    ]);
  });

  it('records the link as a revision of the source entry', async () => {
    const place = await entry(placeFeature());
    const network = await entry(networkFeature());
    const res = await relate({ type: 'member_of', from: place, to: network });
    const revision = await lastRevision(place);
    expect(revision.op).toBe('relate');
    expect(revision.changes.relation[1]).toEqual({ id: res.json().id, type: 'member_of', to: network });
  });

  it('lists the relations of an entry', async () => {
    const place = await entry(placeFeature());
    const network = await entry(networkFeature());
    await relate({ type: 'member_of', from: place, to: network });
    const res = await t.app.inject({ method: 'GET', url: `/api/relations?entry=${network}` });
    expect(res.json().relations.map((r: { from: { id: string } }) => r.from.id)).toEqual([place]);
  });
});

describe('rules', () => {
  it('refuses the same link twice (409)', async () => {
    const place = await entry(placeFeature());
    const network = await entry(networkFeature());
    await relate({ type: 'member_of', from: place, to: network });
    expect((await relate({ type: 'member_of', from: place, to: network })).statusCode).toBe(409);
  });

  it('refuses a partnership the other way round (409)', async () => {
    const a = await entry(placeFeature());
    const b = await entry(placeFeature());
    await relate({ type: 'partner_of', from: a, to: b });
    expect((await relate({ type: 'partner_of', from: b, to: a })).statusCode).toBe(409);
  });

  it('answers 200 to a retry with the same id', async () => {
    const place = await entry(placeFeature());
    const network = await entry(networkFeature());
    const body = { id: randomUUID(), type: 'member_of', from: place, to: network };
    await relate(body);
    const again = await relate(body);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(body.id);
  });

  const kindCases: [string, () => Promise<Record<string, unknown>>, string][] = [
    [
      'a place member of a resource',
      async () => ({
        type: 'member_of',
        from: await entry(placeFeature()),
        to: await entry(resourceFeature()),
      }),
      '/to',
    ],
    [
      'a resource member of a network',
      async () => ({
        type: 'member_of',
        from: await entry(resourceFeature()),
        to: await entry(networkFeature()),
      }),
      '/from',
    ],
    [
      'a place that uses a network',
      async () => ({ type: 'uses', from: await entry(placeFeature()), to: await entry(networkFeature()) }),
      '/to',
    ],
    [
      'a resource partner of a place',
      async () => ({
        type: 'partner_of',
        from: await entry(resourceFeature()),
        to: await entry(placeFeature()),
      }),
      '/from',
    ],
    [
      'a link to a missing entry',
      async () => ({ type: 'member_of', from: await entry(placeFeature()), to: randomUUID() }),
      '/to',
    ],
    [
      'a link from an entry to itself',
      async () => {
        const id = await entry(placeFeature());
        return { type: 'partner_of', from: id, to: id };
      },
      '/to',
    ],
    ['an unknown type', async () => ({ type: 'likes', from: randomUUID(), to: randomUUID() }), '/type'],
    ['an end that is not a uuid', async () => ({ type: 'uses', from: 'x', to: randomUUID() }), '/from'],
  ];
  it.each(kindCases)('%s → 400 pointing at the field', async (_name, body, path) => {
    const res = await relate(await body());
    expect(res.statusCode, res.body).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});

describe('permissions', () => {
  it('needs a token (401)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/relations',
      payload: { type: 'uses', from: randomUUID(), to: randomUUID() },
    });
    expect(res.statusCode).toBe(401);
  });

  it('lets a contributor link their own place to any network', async () => {
    const place = await entry(placeFeature(), alice.auth);
    const network = await entry(networkFeature());
    expect((await relate({ type: 'member_of', from: place, to: network }, alice.auth)).statusCode).toBe(201);
  });

  it('forbids a contributor to link two entries of others (403)', async () => {
    const place = await entry(placeFeature(), alice.auth);
    const network = await entry(networkFeature());
    expect((await relate({ type: 'member_of', from: place, to: network }, bob.auth)).statusCode).toBe(403);
  });

  it("forbids a contributor to remove someone else's link (403)", async () => {
    const place = await entry(placeFeature(), alice.auth);
    const network = await entry(networkFeature());
    const link = (await relate({ type: 'member_of', from: place, to: network }, alice.auth)).json();
    const res = await t.app.inject({ method: 'DELETE', url: `/api/relations/${link.id}`, headers: bob.auth });
    expect(res.statusCode).toBe(403);
  });

  it('lets the author remove their link, recorded as unrelate (204)', async () => {
    const place = await entry(placeFeature(), alice.auth);
    const network = await entry(networkFeature());
    const link = (await relate({ type: 'member_of', from: place, to: network }, alice.auth)).json();
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/relations/${link.id}`,
      headers: alice.auth,
    });
    expect(res.statusCode).toBe(204);
    expect((await read(place)).properties.relations.memberOf).toEqual([]);
    expect((await lastRevision(place)).op).toBe('unrelate');
  });

  it('answers 404 to removing an unknown link', async () => {
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/relations/${randomUUID()}`,
      headers: adminAuth,
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('network territory', () => {
  it("computes a network's territory from its members when none is drawn", async () => {
    const network = await entry(networkFeature({ name: 'Réseau régional' }));
    for (const coordinates of [
      [-1.68, 48.11],
      [-4.49, 48.39],
      [-2.76, 47.66],
    ] as [number, number][]) {
      const place = await entry(placeFeature({}, coordinates));
      await relate({ type: 'member_of', from: place, to: network });
    }
    const { area, areaComputed } = (await read(network)).properties;
    expect(areaComputed).toBe(true);
    expect(area.type).toBe('MultiPolygon');
    const ring: [number, number][] = area.coordinates[0][0];
    const lngs = ring.map((p) => p[0]);
    const lats = ring.map((p) => p[1]);
    // The hull of the members, buffered by 10 km on each side.
    expect(Math.min(...lngs)).toBeLessThan(-4.49);
    expect(Math.max(...lngs)).toBeGreaterThan(-1.68);
    expect(Math.min(...lats)).toBeLessThan(47.66);
    expect(Math.max(...lats)).toBeGreaterThan(48.39);
  });

  it('computes the territory of a network with a single member as a disc around it', async () => {
    const network = await entry(networkFeature());
    const place = await entry(placeFeature({}, [5.37, 43.3]));
    await relate({ type: 'member_of', from: place, to: network });
    const { area, areaComputed } = (await read(network)).properties;
    expect(areaComputed).toBe(true);
    expect(area.coordinates[0][0].length).toBeGreaterThan(8);
  });

  it('shrinks the territory when a member leaves', async () => {
    const network = await entry(networkFeature());
    const near = await entry(placeFeature({}, [2.35, 48.85]));
    const far = await entry(placeFeature({}, [7.75, 48.58]));
    await relate({ type: 'member_of', from: near, to: network });
    const link = (await relate({ type: 'member_of', from: far, to: network })).json();
    await t.app.inject({ method: 'DELETE', url: `/api/relations/${link.id}`, headers: adminAuth });
    const ring: [number, number][] = (await read(network)).properties.area.coordinates[0][0];
    expect(Math.max(...ring.map((p) => p[0]))).toBeLessThan(3);
  });

  it('drops the territory when its only member is deleted', async () => {
    const network = await entry(networkFeature());
    const place = await entry(placeFeature({}, [3.06, 50.63]));
    await relate({ type: 'member_of', from: place, to: network });
    await t.app.inject({
      method: 'DELETE',
      url: `/api/entries/${place}`,
      headers: { ...adminAuth, 'if-match': '"1"' },
    });
    const { area, areaComputed } = (await read(network)).properties;
    expect(area).toBeNull();
    expect(areaComputed).toBe(false);
  });

  it('leaves a network without members and without territory with none', async () => {
    const network = await entry(networkFeature());
    const { area, areaComputed } = (await read(network)).properties;
    expect(area).toBeNull();
    expect(areaComputed).toBe(false);
  });

  it('lists the members of a network through the network filter', async () => {
    const network = await entry(networkFeature());
    const place = await entry(placeFeature());
    await relate({ type: 'member_of', from: place, to: network });
    const res = await t.app.inject({ method: 'GET', url: `/api/entries?network=${network}` });
    expect(res.json().features.map((f: { id: string }) => f.id)).toEqual([place]);
  });
});
