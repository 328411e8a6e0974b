import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EntryRow, readEntry } from '../../server/features/entries/entry.repository';
import { diffSnapshots, toSnapshot } from '../../server/features/revisions/revision.snapshot';
import { adminAuth, buildTestApp, type TestApp } from '../helpers/app';
import {
  createContributor,
  createTheme,
  placeFeature,
  type TestContributor,
  withoutRateLimits,
} from '../helpers/factories';

let t: TestApp;
let alice: TestContributor;
beforeAll(async () => {
  t = await buildTestApp(withoutRateLimits);
  alice = await createContributor(t.app.db, { displayName: 'Alice' });
  await createTheme(t.app.db, 'fabrication');
});
afterAll(async () => {
  await t?.close();
});

interface RevisionBody {
  id: string;
  op: string;
  version: number;
  changes: Record<string, [unknown, unknown]>;
  actor: { id: string; displayName: string } | null;
  revertedFrom: string | null;
}

async function post(body: unknown, auth = adminAuth) {
  return t.app.inject({ method: 'POST', url: '/api/entries', headers: auth, payload: body as object });
}
async function patch(id: string, body: unknown, version: number, auth: Record<string, string> = adminAuth) {
  return t.app.inject({
    method: 'PATCH',
    url: `/api/entries/${id}`,
    headers: { ...auth, 'if-match': `"${version}"` },
    payload: body as object,
  });
}
async function history(id: string, query = '', auth: Record<string, string> = {}) {
  const res = await t.app.inject({
    method: 'GET',
    url: `/api/entries/${id}/revisions${query}`,
    headers: auth,
  });
  return { status: res.statusCode, body: res.json() as { revisions: RevisionBody[]; next: string | null } };
}
async function revert(
  id: string,
  revision: string,
  version: number,
  auth: Record<string, string> = adminAuth,
) {
  return t.app.inject({
    method: 'POST',
    url: `/api/entries/${id}/revert`,
    headers: { ...auth, 'if-match': `"${version}"` },
    payload: { revision },
  });
}

describe('history', () => {
  it('records the creation with its actor and the fields it set', async () => {
    const body = placeFeature({ summary: 'Résumé' });
    await post(body, alice.auth);
    const { body: h } = await history(body.id);
    expect(h.revisions).toHaveLength(1);
    expect(h.revisions[0]).toMatchObject({
      op: 'create',
      version: 1,
      actor: { id: alice.id, displayName: 'Alice' },
    });
    expect(h.revisions[0]?.changes.summary).toEqual([null, 'Résumé']);
  });

  it("stores a creation's snapshot and changes as the app computes them from the entry row", async () => {
    await createTheme(t.app.db, 'numerique');
    const bodies = [
      placeFeature(
        {
          name: 'Fablab « complet »',
          summary: 'Un résumé',
          description: '# Titre\n\nDu **Markdown**',
          url: 'https://exemple.org/fablab',
          links: [{ url: 'https://exemple.org/a', label: 'A' }, { url: 'https://exemple.org/b' }],
          address: {
            street: '1 rue de la Paix',
            postcode: '75002',
            city: 'Paris',
            country: 'France',
            inseeCode: '75102',
          },
          themes: ['numerique', 'fabrication'],
          tags: ['impression 3D', 'couture'],
          contact: { email: 'contact@exemple.org' },
        },
        [2.123456789, 48.987654321],
      ),
      {
        ...placeFeature(),
        geometry: null,
        properties: { kind: 'resource', name: 'Ressource', license: 'cc-by-sa-4.0' },
      },
      {
        ...placeFeature(),
        geometry: null,
        properties: {
          kind: 'network',
          name: 'Réseau',
          area: {
            type: 'Polygon',
            coordinates: [
              [
                [2, 48],
                [3, 48],
                [3, 49],
                [2, 48],
              ],
            ],
          },
        },
      },
    ];
    for (const body of bodies) {
      const res = await post(body, alice.auth);
      expect(res.statusCode, res.body).toBe(201);
      const row = await readEntry(t.app.db, body.id);
      const stored = await t.app.db
        .selectFrom('revisions')
        .select(['snapshot', 'changes'])
        .where('entry_id', '=', body.id)
        .executeTakeFirstOrThrow();
      const expected = toSnapshot(row as EntryRow);
      expect(stored.snapshot).toEqual(expected);
      expect(stored.changes).toEqual(diffSnapshots(null, expected));
      // The answer is the row as a read gives it.
      const read = await t.app.inject({ method: 'GET', url: `/api/entries/${body.id}`, headers: alice.auth });
      expect(res.json()).toEqual(read.json());
    }
  });

  it('records only the changed fields of an update, before and after', async () => {
    const body = placeFeature({ name: 'Avant', themes: [] });
    await post(body);
    await patch(body.id, { properties: { name: 'Après', themes: ['fabrication'] } }, 1);
    const [last] = (await history(body.id)).body.revisions;
    expect(last?.op).toBe('update');
    expect(last?.changes).toEqual({ name: ['Avant', 'Après'], themes: [[], ['fabrication']] });
  });

  it('gives revisions global, increasing ids', async () => {
    const a = placeFeature();
    const b = placeFeature();
    await post(a);
    await post(b);
    await patch(a.id, { properties: { name: 'A2' } }, 1);
    const ids = [
      ...(await history(a.id)).body.revisions.map((r) => BigInt(r.id)),
      ...(await history(b.id)).body.revisions.map((r) => BigInt(r.id)),
    ].sort((x, y) => (x < y ? -1 : 1));
    expect(new Set(ids).size).toBe(3);
  });

  it('writes no revision for a PATCH that changes nothing', async () => {
    const body = placeFeature({ name: 'Pareil' });
    await post(body);
    const res = await patch(body.id, { properties: { name: 'Pareil' } }, 1);
    expect(res.json().properties.version).toBe(1);
    expect((await history(body.id)).body.revisions).toHaveLength(1);
  });

  it('pages back through a long history', async () => {
    const body = placeFeature();
    await post(body);
    for (let v = 1; v <= 4; v++) await patch(body.id, { properties: { summary: `v${v}` } }, v);
    const first = await history(body.id, '?limit=2');
    expect(first.body.revisions.map((r) => r.version)).toEqual([5, 4]);
    const second = await history(body.id, `?limit=2&before=${first.body.next}`);
    expect(second.body.revisions.map((r) => r.version)).toEqual([3, 2]);
  });

  it('hides contact changes from the public', async () => {
    const body = placeFeature({ contact: { email: 'a@example.org' } });
    await post(body);
    expect((await history(body.id)).body.revisions[0]?.changes.contact).toBeUndefined();
    expect((await history(body.id, '', adminAuth)).body.revisions[0]?.changes.contact).toBeDefined();
  });

  it('answers 404 for the history of an unknown entry', async () => {
    expect((await history('7b0c1f4e-9a55-4c1b-8f3e-0d6c2b1a9e77')).status).toBe(404);
  });
});

describe('revert', () => {
  it('brings an entry back as a new revision that points at the one it restores', async () => {
    const body = placeFeature({ name: 'Original', summary: 'Bon résumé' });
    await post(body, alice.auth);
    await patch(body.id, { properties: { name: 'VANDALE', summary: '' } }, 1);
    const created = (await history(body.id)).body.revisions.at(-1)!;
    const res = await revert(body.id, created.id, 2);
    expect(res.statusCode).toBe(200);
    expect(res.json().properties).toMatchObject({ name: 'Original', summary: 'Bon résumé', version: 3 });
    const revisions = (await history(body.id)).body.revisions;
    expect(revisions.map((r) => r.op)).toEqual(['revert', 'update', 'create']);
    expect(revisions[0]?.revertedFrom).toBe(created.id);
    expect(revisions[0]?.changes.name).toEqual(['VANDALE', 'Original']);
  });

  it('lets the author revert their own entry', async () => {
    const body = placeFeature({ name: 'Mien' });
    await post(body, alice.auth);
    await patch(body.id, { properties: { name: 'Erreur' } }, 1, alice.auth);
    const created = (await history(body.id)).body.revisions.at(-1)!;
    expect((await revert(body.id, created.id, 2, alice.auth)).statusCode).toBe(200);
  });

  it('needs If-Match (428) and a current one (412)', async () => {
    const body = placeFeature();
    await post(body);
    await patch(body.id, { properties: { name: 'Deux' } }, 1);
    const created = (await history(body.id)).body.revisions.at(-1)!;
    const without = await t.app.inject({
      method: 'POST',
      url: `/api/entries/${body.id}/revert`,
      headers: adminAuth,
      payload: { revision: created.id },
    });
    expect(without.statusCode).toBe(428);
    expect((await revert(body.id, created.id, 1)).statusCode).toBe(412);
  });

  it('answers 400 for a revision of another entry', async () => {
    const a = placeFeature();
    const b = placeFeature();
    await post(a);
    await post(b);
    const other = (await history(b.id)).body.revisions[0]!;
    const res = await revert(a.id, other.id, 1);
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('/revision');
  });
});
