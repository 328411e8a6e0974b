import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAuth, buildTestApp, type TestApp } from '../helpers/app';
import {
  createContributor,
  placeFeature,
  type TestContributor,
  withoutRateLimits,
} from '../helpers/factories';

let t: TestApp;
let alice: TestContributor;
beforeAll(async () => {
  t = await buildTestApp(withoutRateLimits);
  alice = await createContributor(t.app.db);
  for (const body of [
    { slug: 'numerique', labels: { fr: 'Numérique', en: 'Digital' }, color: '#336699' },
    { slug: 'logiciel-libre', parent: 'numerique', labels: { fr: 'Logiciel libre', en: 'Free software' } },
    { slug: 'donnees', parent: 'numerique', labels: { fr: 'Données', en: 'Data' } },
    { slug: 'fabrication', labels: { fr: 'Fabrication', en: 'Making' } },
  ]) {
    const res = await writeTheme('POST', '/api/themes', body);
    expect(res.statusCode, res.body).toBe(201);
  }
  const entries = [
    placeFeature({ themes: ['logiciel-libre'] }),
    placeFeature({ themes: ['logiciel-libre', 'donnees'] }),
    placeFeature({ themes: ['numerique', 'donnees'] }),
    placeFeature({ themes: ['fabrication'], status: 'pending' }),
  ];
  for (const body of entries)
    await t.app.inject({ method: 'POST', url: '/api/entries', headers: adminAuth, payload: body });
  const deleted = placeFeature({ themes: ['fabrication'] });
  await t.app.inject({ method: 'POST', url: '/api/entries', headers: adminAuth, payload: deleted });
  await t.app.inject({
    method: 'DELETE',
    url: `/api/entries/${deleted.id}`,
    headers: { ...adminAuth, 'if-match': '"1"' },
  });
});
afterAll(async () => {
  await t?.close();
});

function writeTheme(
  method: 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  auth: Record<string, string> = adminAuth,
) {
  return t.app.inject({ method, url, headers: auth, ...(body ? { payload: body as object } : {}) });
}
async function tree() {
  return (await t.app.inject({ method: 'GET', url: '/api/themes' })).json().themes as {
    slug: string;
    count: number;
    labels: { fr: string; en: string };
    children: { slug: string; count: number }[];
  }[];
}

describe('the tree', () => {
  it('answers two levels with labels in French and English', async () => {
    const themes = await tree();
    const numerique = themes.find((th) => th.slug === 'numerique');
    expect(numerique?.labels).toEqual({ fr: 'Numérique', en: 'Digital' });
    expect(numerique?.children.map((c) => c.slug).sort()).toEqual(['donnees', 'logiciel-libre']);
  });

  it("counts published entries, a parent counting its children's once each", async () => {
    const numerique = (await tree()).find((th) => th.slug === 'numerique');
    expect(numerique?.count).toBe(3);
    expect(numerique?.children.find((c) => c.slug === 'logiciel-libre')?.count).toBe(2);
    expect(numerique?.children.find((c) => c.slug === 'donnees')?.count).toBe(2);
  });

  it('leaves pending and deleted entries out of the counts', async () => {
    expect((await tree()).find((th) => th.slug === 'fabrication')?.count).toBe(0);
  });
});

describe('writes', () => {
  it('needs a token (401)', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/themes',
      payload: { slug: 'x', labels: { fr: 'x', en: 'x' } },
    });
    expect(res.statusCode).toBe(401);
  });

  it('is for admins only (403 for a contributor)', async () => {
    const res = await writeTheme(
      'POST',
      '/api/themes',
      { slug: 'x', labels: { fr: 'x', en: 'x' } },
      alice.auth,
    );
    expect(res.statusCode).toBe(403);
  });

  it('refuses a third level (400 at /parent)', async () => {
    const res = await writeTheme('POST', '/api/themes', {
      slug: 'trop-profond',
      parent: 'donnees',
      labels: { fr: 'x', en: 'x' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('/parent');
  });

  it('refuses an unknown parent (400 at /parent)', async () => {
    const res = await writeTheme('POST', '/api/themes', {
      slug: 'orphelin',
      parent: 'nope',
      labels: { fr: 'x', en: 'x' },
    });
    expect(res.statusCode).toBe(400);
  });

  it('refuses a slug that is taken (409)', async () => {
    const res = await writeTheme('POST', '/api/themes', { slug: 'numerique', labels: { fr: 'x', en: 'x' } });
    expect(res.statusCode).toBe(409);
  });

  it('refuses a malformed slug (400 at /slug)', async () => {
    const res = await writeTheme('POST', '/api/themes', { slug: 'Pas Bon', labels: { fr: 'x', en: 'x' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0].path).toBe('/slug');
  });

  it('changes labels and colour', async () => {
    const res = await writeTheme('PATCH', '/api/themes/fabrication', {
      labels: { fr: 'Fabriquer', en: 'Making' },
      color: '#aa5500',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ slug: 'fabrication', labels: { fr: 'Fabriquer' }, color: '#aa5500' });
  });

  it('deletes a theme nobody uses (204)', async () => {
    await writeTheme('POST', '/api/themes', { slug: 'ephemere', labels: { fr: 'x', en: 'x' } });
    expect((await writeTheme('DELETE', '/api/themes/ephemere')).statusCode).toBe(204);
    expect((await tree()).some((th) => th.slug === 'ephemere')).toBe(false);
  });

  it('refuses to delete a theme entries use (409)', async () => {
    expect((await writeTheme('DELETE', '/api/themes/logiciel-libre')).statusCode).toBe(409);
  });
});
