import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAuth, buildTestApp, type TestApp } from '../helpers/app';
import {
  createContributor,
  createTheme,
  createWorkshop,
  networkFeature,
  placeFeature,
  resourceFeature,
  type TestContributor,
  withoutRateLimits,
} from '../helpers/factories';

let t: TestApp;
let author: TestContributor;
let workshopCode: string;
const ids: Record<string, string> = {};

async function create(key: string, body: { id: string }, auth: Record<string, string> = adminAuth) {
  const res = await t.app.inject({ method: 'POST', url: '/api/entries', headers: auth, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  ids[key] = body.id;
}

beforeAll(async () => {
  t = await buildTestApp(withoutRateLimits);
  const db = t.app.db;
  await createTheme(db, 'numerique');
  await createTheme(db, 'logiciel-libre', 'numerique');
  await createTheme(db, 'fabrication');
  const review = await createWorkshop(db, { policy: 'review' });
  author = await createContributor(db, { workshopId: review.id });
  const open = await createWorkshop(db, { policy: 'open' });
  workshopCode = open.code;
  const participant = await createContributor(db, { workshopId: open.id });

  await create(
    'paris',
    placeFeature(
      {
        name: 'Fabrique numérique de Paris',
        tags: ['fablab'],
        themes: ['logiciel-libre'],
        contact: { email: 'p@example.org' },
      },
      [2.3522, 48.8566],
    ),
  );
  await create(
    'versailles',
    placeFeature(
      { name: 'Atelier de Versailles', description: 'Un fablab dans la ville royale' },
      [2.1301, 48.8049],
    ),
  );
  await create(
    'lyon',
    placeFeature(
      {
        name: 'Repair café de Lyon',
        description: "Un lieu où l'on répare ensemble",
        themes: ['fabrication'],
      },
      [4.8357, 45.764],
    ),
  );
  await create('fiji', placeFeature({ name: 'Suva makerspace' }, [178.44, -18.14]));
  await create('hedgedoc', resourceFeature({ name: 'HedgeDoc', themes: ['numerique'] }));
  await create('network', networkFeature({ name: 'Réseau des ateliers' }));
  await create('pending', placeFeature({ name: 'Lieu en attente' }, [2.35, 48.86]), author.auth);
  await create('workshop', placeFeature({ name: 'Lieu de l’atelier' }, [5.37, 43.3]), participant.auth);
  await create('deleted', placeFeature({ name: 'Lieu supprimé' }, [2.35, 48.85]));
  await t.app.inject({
    method: 'DELETE',
    url: `/api/entries/${ids.deleted}`,
    headers: { ...adminAuth, 'if-match': '"1"' },
  });
  for (const member of ['paris', 'lyon']) {
    await db
      .insertInto('relations')
      .values({ id: randomUUID(), type: 'member_of', from_id: ids[member]!, to_id: ids.network! })
      .execute();
  }
});
afterAll(async () => {
  await t?.close();
});

async function list(query: string, auth: Record<string, string> = {}) {
  const res = await t.app.inject({ method: 'GET', url: `/api/entries?${query}`, headers: auth });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    type: string;
    features: { id: string; properties: Record<string, unknown> }[];
    next: string | null;
  };
}
async function names(query: string, auth: Record<string, string> = {}) {
  return (await list(query, auth)).features.map((f) => keyOf(f.id));
}
function keyOf(id: string) {
  return Object.entries(ids).find(([, v]) => v === id)?.[0] ?? id;
}

describe('filters', () => {
  it('answers a FeatureCollection of the published entries, never the deleted ones', async () => {
    const body = await list('');
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.map((f) => keyOf(f.id)).sort()).toEqual(
      ['paris', 'versailles', 'lyon', 'fiji', 'hedgedoc', 'network', 'workshop'].sort(),
    );
  });

  it('hides contact in public lists', async () => {
    const body = await list('kind=place');
    expect(body.features.every((f) => !('contact' in f.properties))).toBe(true);
  });

  it('filters by kind', async () => {
    expect(await names('kind=resource')).toEqual(['hedgedoc']);
  });

  it('filters by several kinds', async () => {
    expect((await names('kind=resource&kind=network')).sort()).toEqual(['hedgedoc', 'network']);
  });

  it('filters by a theme', async () => {
    expect(await names('theme=logiciel-libre')).toEqual(['paris']);
  });

  it('includes the children of a parent theme', async () => {
    expect((await names('theme=numerique')).sort()).toEqual(['hedgedoc', 'paris']);
  });

  it('filters by several themes (any of them)', async () => {
    expect((await names('theme=fabrication&theme=logiciel-libre')).sort()).toEqual(['lyon', 'paris']);
  });

  it('filters the members of a network', async () => {
    expect((await names(`network=${ids.network}`)).sort()).toEqual(['lyon', 'paris']);
  });

  it('filters by bbox', async () => {
    expect((await names('bbox=1.4,48.1,3.6,49.3')).sort()).toEqual(['paris', 'versailles']);
  });

  it('filters by a bbox that crosses the antimeridian', async () => {
    expect(await names('bbox=170,-25,-170,-10')).toEqual(['fiji']);
  });

  it('filters by distance and sorts nearest first', async () => {
    const body = await list('near=2.3522,48.8566,30000');
    expect(body.features.map((f) => keyOf(f.id))).toEqual(['paris', 'versailles']);
    expect(body.features[0]?.properties.distance).toBe(0);
    expect(body.features[1]?.properties.distance).toBeGreaterThan(15_000);
  });

  it('leaves out what is beyond the distance', async () => {
    expect(await names('near=2.3522,48.8566,10000')).toEqual(['paris']);
  });

  it('searches French text without accents or case', async () => {
    expect(await names('q=NUMERIQUE')).toEqual(['paris']);
  });

  it('searches through French stemming', async () => {
    expect(await names('q=réparer')).toEqual(['lyon']);
  });

  it('matches the last word as a prefix while it is being typed', async () => {
    expect(await names('q=repair%20caf')).toEqual(['lyon']);
  });

  it('ranks a match in the name or tags above one in the description', async () => {
    expect(await names('q=fablab')).toEqual(['paris', 'versailles']);
  });

  it('filters by workshop code', async () => {
    expect(await names(`workshop=${workshopCode.toLowerCase()}`)).toEqual(['workshop']);
  });

  it('filters by updatedSince', async () => {
    expect(await names('updatedSince=2999-01-01T00:00:00Z')).toEqual([]);
    expect((await names('updatedSince=2000-01-01T00:00:00Z')).length).toBe(7);
  });

  it('never shows pending entries to the public, even when asked', async () => {
    expect(await names('status=pending')).toEqual([]);
  });

  it('shows pending entries to moderators who ask for them', async () => {
    expect(await names('status=pending', adminAuth)).toEqual(['pending']);
  });

  it('shows an author their own pending entries', async () => {
    expect(await names('bbox=2.3,48.8,2.4,48.9', author.auth)).toContain('pending');
  });
});

describe('pagination', () => {
  it('walks every page once, with a `next` cursor until the last page', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(`limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.features.length).toBeLessThanOrEqual(2);
      seen.push(...page.features.map((f) => f.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it('pages through a distance-sorted list in the same order as one page', async () => {
    const all = (await list('near=2.3522,48.8566,1000000')).features.map((f) => f.id);
    const first = await list('near=2.3522,48.8566,1000000&limit=2');
    const second = await list(`near=2.3522,48.8566,1000000&limit=2&cursor=${first.next}`);
    expect([...first.features, ...second.features].map((f) => f.id)).toEqual(all.slice(0, 4));
  });

  it('pages through a ranked search in the same order as one page', async () => {
    const all = (await list('q=fablab')).features.map((f) => f.id);
    const first = await list('q=fablab&limit=1');
    const second = await list(`q=fablab&limit=1&cursor=${first.next}`);
    expect([...first.features, ...second.features].map((f) => f.id)).toEqual(all);
  });

  it('stays stable while others insert: every entry once, none twice', async () => {
    const before = (await list('kind=place&limit=1000')).features.map((f) => f.id);
    const seen: string[] = [];
    const inserted: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page === 0 || cursor; page++) {
      const body = await list(`kind=place&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...body.features.map((f) => f.id));
      cursor = body.next;
      if (page < 3) {
        const writes = await Promise.all(
          [0, 1].map(() =>
            t.app.inject({
              method: 'POST',
              url: '/api/entries',
              headers: adminAuth,
              payload: placeFeature({ name: 'Nouveau' }),
            }),
          ),
        );
        inserted.push(...writes.map((w) => w.json().id as string));
      }
    }
    expect(inserted).toHaveLength(6);
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of before) expect(seen).toContain(id);
    // Entries inserted during the walk come after the ones that existed: the walk sees them at its end.
    for (const id of inserted) expect(seen).toContain(id);
  });
});

describe('shared public answers', () => {
  it('answers a list with a weak ETag, and 304 when it did not change', async () => {
    const first = await t.app.inject({ method: 'GET', url: '/api/entries?kind=resource' });
    const tag = first.headers.etag as string;
    expect(tag).toMatch(/^W\/"/);
    const again = await t.app.inject({
      method: 'GET',
      url: '/api/entries?kind=resource',
      headers: { 'if-none-match': tag },
    });
    expect(again.statusCode).toBe(304);
  });

  it('never answers a stale list after an entry changed', async () => {
    await list('kind=resource');
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/entries/${ids.hedgedoc}`,
      headers: { ...adminAuth, 'if-match': '"1"' },
      payload: { properties: { summary: 'Éditeur collaboratif' } },
    });
    expect(res.statusCode).toBe(200);
    expect((await list('kind=resource')).features[0]?.properties.summary).toBe('Éditeur collaboratif');
  });

  it('never answers a stale list after a theme was renamed', async () => {
    await list('theme=fabrication');
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/api/themes/fabrication',
      headers: adminAuth,
      payload: { slug: 'fabriquer' },
    });
    expect(res.statusCode).toBe(200);
    expect((await list('theme=fabriquer')).features[0]?.properties.themes).toEqual(['fabriquer']);
  });
});
