import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAuth, buildTestApp, type TestApp } from '../helpers/app';
import {
  createContributor,
  createWorkshop,
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

function post(body: unknown, auth: Record<string, string> = adminAuth) {
  return t.app.inject({ method: 'POST', url: '/api/entries', headers: auth, payload: body as object });
}
function get(id: string, auth: Record<string, string> = {}) {
  return t.app.inject({ method: 'GET', url: `/api/entries/${id}`, headers: auth });
}
function patch(id: string, body: unknown, version: number | null, auth: Record<string, string> = adminAuth) {
  const headers = version === null ? auth : { ...auth, 'if-match': `"${version}"` };
  return t.app.inject({ method: 'PATCH', url: `/api/entries/${id}`, headers, payload: body as object });
}
async function revisions(id: string) {
  const res = await t.app.inject({ method: 'GET', url: `/api/entries/${id}/revisions`, headers: adminAuth });
  return res.json().revisions as {
    op: string;
    version: number;
    changes: Record<string, unknown>;
    workshopId: string | null;
  }[];
}

describe('create and read', () => {
  it('creates a place from a GeoJSON Feature: 201 with Location, ETag and the Feature', async () => {
    const body = placeFeature(
      { summary: 'Un fablab', tags: ['fablab'], address: { city: 'Brest', postcode: '29200' } },
      [-4.48, 48.39],
    );
    const res = await post(body);
    expect(res.statusCode).toBe(201);
    expect(res.headers.location).toBe(`/api/entries/${body.id}`);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json()).toMatchObject({
      type: 'Feature',
      id: body.id,
      geometry: { type: 'Point', coordinates: [-4.48, 48.39] },
      properties: {
        kind: 'place',
        name: body.properties.name,
        summary: 'Un fablab',
        tags: ['fablab'],
        status: 'published',
        version: 1,
      },
    });
    expect(res.json().properties.address).toMatchObject({ city: 'Brest', postcode: '29200' });
  });

  it('reads an entry with its ETag', async () => {
    const body = placeFeature();
    await post(body);
    const res = await get(body.id);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.json().properties.relations).toMatchObject({ memberOf: [], uses: [], incoming: {} });
  });

  it('accepts application/geo+json bodies', async () => {
    const body = placeFeature();
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/entries',
      headers: { ...adminAuth, 'content-type': 'application/geo+json' },
      payload: JSON.stringify(body),
    });
    expect(res.statusCode).toBe(201);
  });

  it('creates a resource without geometry and with an SPDX licence in canonical case', async () => {
    const res = await post(resourceFeature({ license: 'agpl-3.0-or-later' }));
    expect(res.statusCode).toBe(201);
    expect(res.json().geometry).toBeNull();
    expect(res.json().properties.license).toBe('AGPL-3.0-or-later');
  });

  it('creates a network with a drawn territory, not flagged as computed', async () => {
    const area = {
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
    const res = await post(networkFeature({ area }));
    expect(res.statusCode).toBe(201);
    expect(res.json().properties.area.type).toBe('MultiPolygon');
    expect(res.json().properties.areaComputed).toBe(false);
  });

  it('answers 404 problem+json for an unknown id', async () => {
    const res = await get(randomUUID());
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const body = placeFeature();
    await post(body);
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/entries/${body.id}`,
      headers: { 'if-none-match': '"1"' },
    });
    expect(res.statusCode).toBe(304);
  });

  it('documents the entry routes in the OpenAPI document', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    const paths = res.json().paths;
    expect(Object.keys(paths['/api/entries'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(paths['/api/entries/{id}'])).toEqual(
      expect.arrayContaining(['get', 'patch', 'delete']),
    );
    expect(paths['/api/entries/{id}/restore'].post).toBeDefined();
    expect(paths['/api/entries/{id}/revisions'].get).toBeDefined();
    expect(paths['/api/entries/{id}/revert'].post).toBeDefined();
  });
});

describe('Markdown', () => {
  const payloads = [
    '<script>alert(1)</script>',
    '<img src=x onerror=alert(1)>',
    '[clic](javascript:alert(1))',
    '[clic](JaVaScRiPt:alert(1))',
    '<a href="javascript:alert(1)">x</a>',
    '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '<svg/onload=alert(1)>',
    '<iframe src="https://evil.example"></iframe>',
    '![x](javascript:alert(1))',
    '<div style="background:url(javascript:alert(1))">x</div>',
  ];

  it('stores the Markdown as given and serves it rendered without anything that can run', async () => {
    const description = `# Titre\n\n**gras** [lien](https://example.org)\n\n${payloads.join('\n\n')}`;
    const res = await post(placeFeature({ description }));
    const { description: stored, descriptionHtml: html } = res.json().properties;
    expect(stored).toBe(description);
    expect(html).toContain('<h1>Titre</h1>');
    expect(html).toContain('<strong>gras</strong>');
    expect(html).toContain('href="https://example.org"');
    // Escaped text may show the payloads; no element, attribute or link may carry them.
    expect(html).not.toMatch(/<(script|img|svg|iframe|div)\b/i);
    expect(html).not.toMatch(/<[^>]*\s(on\w+|style)\s*=/i);
    expect(html).not.toMatch(/<a\s[^>]*href="(?!https?:\/\/|mailto:)/i);
  });
});

describe('optimistic concurrency', () => {
  it('updates with the right If-Match: 200, version + 1, new ETag', async () => {
    const body = placeFeature();
    await post(body);
    const res = await patch(body.id, { properties: { name: 'Renommé' } }, 1);
    expect(res.statusCode).toBe(200);
    expect(res.headers.etag).toBe('"2"');
    expect(res.json().properties).toMatchObject({ name: 'Renommé', version: 2 });
  });

  it('answers 412 with the current entry when If-Match is stale', async () => {
    const body = placeFeature();
    await post(body);
    await patch(body.id, { properties: { name: 'Premier' } }, 1);
    const res = await patch(body.id, { properties: { name: 'Second' } }, 1);
    expect(res.statusCode).toBe(412);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json().entry).toMatchObject({ id: body.id, properties: { name: 'Premier', version: 2 } });
  });

  it('answers 428 without If-Match', async () => {
    const body = placeFeature();
    await post(body);
    const res = await patch(body.id, { properties: { name: 'X' } }, null);
    expect(res.statusCode).toBe(428);
  });

  it('lets exactly one of concurrent PATCHes with the same If-Match win', async () => {
    const body = placeFeature();
    await post(body);
    const results = await Promise.all(
      Array.from({ length: 8 }, (_, i) => patch(body.id, { properties: { name: `Écriture ${i}` } }, 1)),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c === 412)).toHaveLength(7);
    const final = await get(body.id);
    expect(final.json().properties.version).toBe(2);
    expect((await revisions(body.id)).map((r) => r.op)).toEqual(['update', 'create']);
  });
});

describe('idempotent create', () => {
  it('answers 200 with the same entry when the same id and body come again', async () => {
    const body = placeFeature();
    expect((await post(body)).statusCode).toBe(201);
    const again = await post(body);
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(body.id);
    expect(await revisions(body.id)).toHaveLength(1);
  });

  it('answers 409 when the same id comes with another body', async () => {
    const body = placeFeature();
    await post(body);
    const res = await post({ ...body, properties: { ...body.properties, name: 'Autre' } });
    expect(res.statusCode).toBe(409);
  });

  it('makes one entry and one revision from 10 simultaneous retries', async () => {
    const body = placeFeature();
    const results = await Promise.all(Array.from({ length: 10 }, () => post(body)));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const count = await t.app.db
      .selectFrom('entries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('id', '=', body.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
    expect(await revisions(body.id)).toHaveLength(1);
  });
});

describe('delete and restore', () => {
  it('soft-deletes with If-Match, hides the entry from the public, and records a revision', async () => {
    const body = placeFeature();
    await post(body);
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/entries/${body.id}`,
      headers: { ...adminAuth, 'if-match': '"1"' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().properties.deletedAt).not.toBeNull();
    expect((await get(body.id)).statusCode).toBe(404);
    expect((await revisions(body.id))[0]?.op).toBe('delete');
  });

  it('restores a deleted entry as a new version', async () => {
    const body = placeFeature();
    await post(body);
    await t.app.inject({
      method: 'DELETE',
      url: `/api/entries/${body.id}`,
      headers: { ...adminAuth, 'if-match': '"1"' },
    });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/entries/${body.id}/restore`,
      headers: { ...adminAuth, 'if-match': '"2"' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().properties).toMatchObject({ deletedAt: null, version: 3 });
    expect((await get(body.id)).statusCode).toBe(200);
    expect((await revisions(body.id)).map((r) => r.op)).toEqual(['restore', 'delete', 'create']);
  });

  it('needs If-Match to delete', async () => {
    const body = placeFeature();
    await post(body);
    const res = await t.app.inject({ method: 'DELETE', url: `/api/entries/${body.id}`, headers: adminAuth });
    expect(res.statusCode).toBe(428);
  });
});

describe('permissions', () => {
  it('answers 401 to a write without a token', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/entries', payload: placeFeature() });
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('lets a contributor create and edit their own entry', async () => {
    const body = placeFeature();
    expect((await post(body, alice.auth)).statusCode).toBe(201);
    const res = await patch(body.id, { properties: { summary: 'Mis à jour' } }, 1, alice.auth);
    expect(res.statusCode).toBe(200);
    expect(res.json().properties.createdBy).toEqual({ id: alice.id, displayName: 'Alice' });
  });

  it("forbids a contributor to edit someone else's entry (403)", async () => {
    const body = placeFeature();
    await post(body, alice.auth);
    const res = await patch(body.id, { properties: { name: 'Vandale' } }, 1, bob.auth);
    expect(res.statusCode).toBe(403);
  });

  it("forbids a contributor to delete someone else's entry (403)", async () => {
    const body = placeFeature();
    await post(body, alice.auth);
    const res = await t.app.inject({
      method: 'DELETE',
      url: `/api/entries/${body.id}`,
      headers: { ...bob.auth, 'if-match': '"1"' },
    });
    expect(res.statusCode).toBe(403);
  });

  it("lets an admin edit anyone's entry", async () => {
    const body = placeFeature();
    await post(body, alice.auth);
    expect((await patch(body.id, { properties: { name: 'Modéré' } }, 1)).statusCode).toBe(200);
  });

  it('forbids a contributor to change a status (403)', async () => {
    const body = placeFeature();
    await post(body, alice.auth);
    const res = await patch(body.id, { properties: { status: 'archived' } }, 1, alice.auth);
    expect(res.statusCode).toBe(403);
  });

  it('shows contact to moderators only', async () => {
    const body = placeFeature({ contact: { email: 'lieu@example.org' } });
    await post(body, alice.auth);
    expect((await get(body.id)).json().properties.contact).toBeUndefined();
    expect((await get(body.id, alice.auth)).json().properties.contact).toBeUndefined();
    expect((await get(body.id, adminAuth)).json().properties.contact).toEqual({ email: 'lieu@example.org' });
  });

  it('records a change of status alone by a moderator as op "status"', async () => {
    const body = placeFeature();
    await post(body, alice.auth);
    const res = await patch(body.id, { properties: { status: 'archived' } }, 1);
    expect(res.json().properties.status).toBe('archived');
    const [last] = await revisions(body.id);
    expect(last).toMatchObject({ op: 'status', changes: { status: ['published', 'archived'] } });
  });
});

describe('workshops', () => {
  it("creates a participant's entry pending in a workshop under review, in that workshop", async () => {
    const workshop = await createWorkshop(t.app.db, { policy: 'review' });
    const participant = await createContributor(t.app.db, { workshopId: workshop.id });
    const body = placeFeature();
    const res = await post(body, participant.auth);
    expect(res.statusCode).toBe(201);
    expect(res.json().properties).toMatchObject({ status: 'pending', workshopId: workshop.id });
    expect((await revisions(body.id))[0]?.workshopId).toBe(workshop.id);
  });

  it("publishes a participant's entry at once in an open workshop", async () => {
    const workshop = await createWorkshop(t.app.db, { policy: 'open' });
    const participant = await createContributor(t.app.db, { workshopId: workshop.id });
    const res = await post(placeFeature(), participant.auth);
    expect(res.json().properties).toMatchObject({ status: 'published', workshopId: workshop.id });
  });

  it('refuses the writes of a participant of a closed workshop (403 workshop-closed)', async () => {
    const workshop = await createWorkshop(t.app.db, { status: 'closed' });
    const participant = await createContributor(t.app.db, { workshopId: workshop.id });
    const res = await post(placeFeature(), participant.auth);
    expect(res.statusCode).toBe(403);
    expect(res.json().type).toBe('/problems/workshop-closed');
  });

  it('lets a moderator put an entry in a workshop by its code', async () => {
    const workshop = await createWorkshop(t.app.db);
    const res = await post(placeFeature({ workshop: workshop.code.toLowerCase() }));
    expect(res.json().properties.workshopId).toBe(workshop.id);
  });

  it('answers 400 for an unknown workshop code', async () => {
    const res = await post(placeFeature({ workshop: 'NOPE42' }));
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('/properties/workshop');
  });

  it('keeps an entry in the workshop it was made in (PATCH to another one: 400)', async () => {
    const first = await createWorkshop(t.app.db);
    const second = await createWorkshop(t.app.db);
    const body = placeFeature({ workshop: first.code });
    await post(body);
    const res = await patch(body.id, { properties: { workshop: second.code } }, 1);
    expect(res.statusCode).toBe(400);
  });

  it('hides a pending entry from the public but shows it to its author', async () => {
    const workshop = await createWorkshop(t.app.db, { policy: 'review' });
    const participant = await createContributor(t.app.db, { workshopId: workshop.id });
    const body = placeFeature();
    await post(body, participant.auth);
    expect((await get(body.id)).statusCode).toBe(404);
    expect((await get(body.id, participant.auth)).statusCode).toBe(200);
  });
});
