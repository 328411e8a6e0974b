import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRecord } from '../../server/contract/import';
import { adminAuth, buildTestApp, type TestApp } from '../helpers/app';
import { withoutRateLimits } from '../helpers/factories';

const DATA = resolve(process.cwd(), '../shared/data');

describe.skipIf(!existsSync(DATA))('dry runs of every points dataset of ../shared/data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(withoutRateLimits);
    await t.app.db
      .insertInto('themes')
      .values([
        { slug: 'coworking', label_fr: 'Coworking', label_en: 'Coworking' },
        { slug: 'fablab', label_fr: 'Fablab', label_en: 'Fablab' },
        { slug: 'hackerspace', label_fr: 'Hackerspace', label_en: 'Hackerspace' },
      ])
      .execute();
  });
  afterAll(async () => {
    await t.close();
  });

  // file → [detected format, rows read, rows without coordinates (to locate), rows rejected]
  const expected: Record<string, [string, number, number, number]> = {
    'CGET_TiersLieux_2019.csv': ['csv', 1512, 0, 0],
    'CGET_TiersLieux_2019.geojson': ['geojson', 1512, 0, 0],
    'france-services_liste-fs-20221201.csv': ['csv', 2683, 30, 0],
    'cnfs_lieux-mediation-numerique_2022_sans-aidants.json': ['mednum-json', 4930, 22, 0],
    'hinaura_lieux-mediation-numerique_2023.json': ['mednum-json', 687, 0, 0],
    'hub-du-sud_lieux-mediation-numerique_20230517.json': ['mednum-json', 646, 4, 0],
    'mednum_hub-lo.json': ['json', 426, 0, 0],
    'mednum_paca_regionsud-lieux-dinclusion-numerique-2022_v2.csv': ['mednum-csv', 1245, 14, 0],
    'fablabs-io_france_2017.json': ['json', 135, 6, 0],
    'maplabbzh_map_bzh_fablab.geojson': ['geojson', 121, 0, 0],
    'umap-fixture_test_upload_data.umap': ['umap', 3, 0, 0],
    'umap-fixture_test_upload_data_with_enum.umap': ['umap', 4, 0, 0],
    'umap-fixture_choropleth_region_chomage.geojson': ['geojson', 13, 0, 0],
    'anct_departements-centroides.json': ['json', 102, 0, 0],
  };
  for (const [file, [format, read, toLocate, rejected]] of Object.entries(expected)) {
    it(`reads ${file}`, async () => {
      const r = await dryRun(t, file);
      expect(r.format).toBe(format);
      expect(r.counts.read).toBe(read);
      expect(r.counts.toLocate).toBe(toLocate);
      expect(r.counts.rejected).toBe(rejected);
      // Every row is accounted for: created, or reported as a duplicate.
      expect(r.counts.create + r.counts.duplicate + r.counts.rejected).toBe(read);
      expect(r.report.mapping?.fields?.name).toBeTruthy();
      expect(r.report.sample?.length).toBeGreaterThan(0);
    });
  }

  it('maps the census typology to themes, and reports the values it saw', async () => {
    const r = await dryRun(t, 'CGET_TiersLieux_2019.csv');
    expect(r.report.mapping?.themes?.columns).toEqual(['TYPO']);
    expect(r.report.themeValues?.['Tiers lieux à dominante fablab']).toEqual({ count: 345, slug: 'fablab' });
    expect(r.report.themeValues?.['Tiers lieux à dominante coworking']).toEqual({
      count: 1118,
      slug: 'coworking',
    });
  });

  it('reads the hub-lo flags as themes (17 fablabs, 27 coworkings)', async () => {
    const r = await dryRun(t, 'mednum_hub-lo.json');
    expect(r.report.mapping?.themes?.flags).toEqual({ c_fablab: 'fablab', c_coworking: 'coworking' });
  });

  it('notes that polygons became points', async () => {
    const r = await dryRun(t, 'umap-fixture_choropleth_region_chomage.geojson');
    expect(r.report.warnings?.join('\n')).toMatch(
      /rows: (Multi)?Polygon geometry replaced by a point inside it/,
    );
  });

  it('finds the near-duplicate in the fablabs.io list', async () => {
    const r = await dryRun(t, 'fablabs-io_france_2017.json');
    expect(r.report.duplicates).toEqual([
      expect.objectContaining({ name: 'LH3D fab lab', reason: 'similar-nearby', otherName: 'LH3D fablab' }),
    ]);
  });

  it('imports the dirty PACA CSV for real, with its postcodes mended', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...adminAuth, 'content-type': 'text/csv' },
      query: { sourceName: 'paca-2022' },
      payload: readFileSync(resolve(DATA, 'mednum_paca_regionsud-lieux-dinclusion-numerique-2022_v2.csv')),
    });
    expect(res.statusCode, res.body).toBe(202);
    const done = await waitForImport(t, res.json().id);
    expect(done.status).toBe('done');
    expect(done.counts.created).toBe(done.counts.create);
    const row = await t.app.db
      .selectFrom('entries')
      .select(['postcode', 'to_locate', 'source', 'import_id'])
      .where('name', '=', "Centre Communal d'Action Sociale")
      .where('city', '=', 'DIGNE-LES-BAINS')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ postcode: '04000', to_locate: false, source: 'paca-2022', import_id: done.id });
    const located = await t.app.db
      .selectFrom('entries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('to_locate', '=', true)
      .where('geom', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(located.n)).toBe(14);
  });
});

async function dryRun(t: TestApp, file: string): Promise<ImportRecord> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/imports',
    headers: { ...adminAuth, 'content-type': 'application/octet-stream' },
    query: { dryRun: 'true', filename: file },
    payload: readFileSync(resolve(DATA, file)),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ImportRecord;
}

async function waitForImport(t: TestApp, id: string): Promise<ImportRecord> {
  for (let i = 0; i < 600; i++) {
    const res = await t.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: adminAuth });
    const record = res.json() as ImportRecord;
    if (record.status !== 'running' && record.status !== 'pending') return record;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${id} did not finish`);
}
