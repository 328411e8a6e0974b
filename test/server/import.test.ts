import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRecord } from '../../server/contract/import';
import { adminAuth, buildTestApp, type TestApp } from '../helpers/app';
import { withoutRateLimits } from '../helpers/factories';

const DATA = resolve(process.cwd(), '../shared/data');
const FIXTURES = resolve(process.cwd(), 'test/fixtures/exchange');
async function postImport(t: TestApp, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/imports', headers: adminAuth, payload: body });
}

async function waitForImport(t: TestApp, id: string): Promise<ImportRecord> {
  for (let i = 0; i < 600; i++) {
    const res = await t.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: adminAuth });
    if (res.statusCode !== 200) throw new Error(res.body);
    const record = res.json() as ImportRecord;
    if (record.status !== 'running' && record.status !== 'pending') return record;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${id} did not finish`);
}

async function importNow(t: TestApp, body: Record<string, unknown>): Promise<ImportRecord> {
  const res = await postImport(t, body);
  expect(res.statusCode, res.body).toBe(202);
  expect(res.headers.location).toBe(`/api/imports/${res.json().id}`);
  return waitForImport(t, res.json().id);
}

function fixture(name: string): string {
  return readFileSync(resolve(FIXTURES, name), 'utf8');
}

describe('POST /api/imports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(withoutRateLimits);
    await t.app.db
      .insertInto('themes')
      .values([
        { slug: 'coworking', label_fr: 'Coworking', label_en: 'Coworking' },
        { slug: 'fablab', label_fr: 'Fablab', label_en: 'Fablab' },
        { slug: 'mediatheque', label_fr: 'Médiathèque', label_en: 'Media library' },
      ])
      .execute();
  });
  afterAll(async () => {
    await t.close();
  });

  it('reads a tab-separated UTF-8 file with a BOM, CRLF and a line break inside quotes', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...adminAuth, 'content-type': 'text/csv' },
      query: { dryRun: 'true' },
      payload: readFileSync(resolve(FIXTURES, 'tab-bom-crlf.tsv')),
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as ImportRecord;
    expect(r).toMatchObject({ format: 'csv', report: { encoding: 'utf-8', delimiter: '\t' } });
    expect(r.counts).toMatchObject({ read: 2, create: 2, rejected: 0 });
    expect(r.report.sample?.[0]).toMatchObject({
      row: 2,
      geometry: { type: 'Point', coordinates: [1.4442, 43.6045] },
      properties: { name: 'Hackerspace "Le Bocal"' },
    });
  });

  it('detects Windows-1252 and reads coordinates from a WKT column', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...adminAuth, 'content-type': 'text/csv' },
      query: { dryRun: 'true' },
      payload: readFileSync(resolve(FIXTURES, 'windows-1252.csv')),
    });
    const r = res.json() as ImportRecord;
    expect(r.report).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
    expect(r.report.mapping?.fields?.wkt).toBe('wkt');
    expect(
      r.report.sample?.map((s) => (s as { properties: { name: string; themes: string[] } }).properties),
    ).toEqual([
      expect.objectContaining({ name: 'Médiathèque Émile-Zola', themes: ['mediatheque'] }),
      expect.objectContaining({ name: 'Café associatif Ça Roule', themes: [] }),
    ]);
    expect(r.report.sample?.[1]).toMatchObject({
      geometry: { type: 'Point', coordinates: [4.8357, 45.764] },
    });
  });

  it('imports GoGoCarto’s full format, skipping deleted elements', async () => {
    const r = await importNow(t, { content: fixture('gogocarto-full.json'), sourceName: 'gogo-test' });
    expect(r.format).toBe('gogocarto');
    expect(r.counts).toMatchObject({ read: 3, created: 2, rejected: 1 });
    expect(r.report.rejected).toEqual([{ row: 2, reason: 'deleted-in-source', detail: expect.any(String) }]);
    const entry = await t.app.db
      .selectFrom('entries')
      .select(['name', 'street', 'postcode', 'city', 'country', 'url', 'description', 'source_ref'])
      .where('source', '=', 'gogo-test')
      .where('source_ref', '=', 'Ab3')
      .executeTakeFirstOrThrow();
    expect(entry).toEqual({
      name: 'La Fabrique du Coin',
      street: '12 rue des Tiers-Lieux',
      postcode: '69003',
      city: 'Lyon',
      country: 'FR',
      url: 'https://fabrique.example.org',
      description: 'Un atelier partagé ouvert à toutes et tous.',
      source_ref: 'Ab3',
    });
  });

  it('reads GoGoCarto’s compact format', async () => {
    const res = await postImport(t, { content: fixture('gogocarto-compact.json'), dryRun: true });
    const r = res.json() as ImportRecord;
    expect(r.format).toBe('gogocarto');
    expect(r.counts).toMatchObject({ read: 3, create: 2, rejected: 1 });
    expect(r.report.sample?.[0]).toMatchObject({
      geometry: { type: 'Point', coordinates: [2.3522, 48.8566] },
      properties: { name: 'Atelier vélo solidaire', sourceRef: 'Cd1' },
    });
  });

  it('takes a GeoJSON document sent as the body itself', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports?dryRun=true&sourceName=direct',
      headers: { ...adminAuth, 'content-type': 'application/geo+json' },
      payload: {
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            geometry: { type: 'Point', coordinates: [2.35, 48.85] },
            properties: { name: 'Direct' },
          },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      format: 'geojson',
      sourceName: 'direct',
      dryRun: true,
      counts: { create: 1 },
    });
  });

  it('takes a multipart upload', async () => {
    const boundary = '----atlas-test';
    const payload = [
      `--${boundary}`,
      'Content-Disposition: form-data; name="dryRun"',
      '',
      'true',
      `--${boundary}`,
      'Content-Disposition: form-data; name="mapping"',
      '',
      JSON.stringify({ kind: { default: 'network' } }),
      `--${boundary}`,
      'Content-Disposition: form-data; name="file"; filename="reseaux.csv"',
      'Content-Type: text/csv',
      '',
      'name,website\nRéseau des Fablabs,https://rfflabs.fr',
      `--${boundary}--`,
      '',
    ].join('\r\n');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...adminAuth, 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload,
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as ImportRecord;
    expect(r).toMatchObject({
      filename: 'reseaux.csv',
      sourceName: 'reseaux',
      counts: { create: 1, toLocate: 0 },
    });
    expect(r.report.sample?.[0]).toMatchObject({
      properties: { kind: 'network', url: 'https://rfflabs.fr' },
    });
  });

  it('lists the real imports, and the dry runs only when asked for', async () => {
    const name = `Liste ${Date.now()}`;
    const dry = await postImport(t, { content: `name\n${name} (aperçu)`, dryRun: true });
    expect(dry.statusCode, dry.body).toBe(200);
    const real = await postImport(t, { content: `name\n${name}` });
    expect(real.statusCode, real.body).toBe(202);
    await waitForImport(t, real.json().id);
    const list = async (query: Record<string, string>) => {
      const res = await t.app.inject({ method: 'GET', url: '/api/imports', headers: adminAuth, query });
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { imports: ImportRecord[] }).imports;
    };
    const imports = await list({});
    expect(imports.every((r) => !r.dryRun)).toBe(true);
    expect(imports[0]?.id).toBe(real.json().id);
    const withDryRuns = await list({ dryRuns: 'true', limit: '2' });
    expect(withDryRuns.map((r) => r.id)).toEqual([real.json().id, dry.json().id]);
    const bad = await t.app.inject({ method: 'GET', url: '/api/imports?limit=0', headers: adminAuth });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });

  it('updates in place on a second import of the same source, and reverts to the earlier values', async () => {
    const first =
      'id,nom,lat,lon,ville\nA1,Fablab Alpha,45.1,5.1,Grenoble\nA2,Coworking Beta,45.2,5.2,Voiron\n';
    const one = await importNow(t, { content: first, sourceName: 'alpha' });
    expect(one.counts).toMatchObject({ created: 2 });
    const second =
      'id,nom,lat,lon,ville\nA1,Fablab Alpha,45.1,5.1,Échirolles\nA2,Coworking Beta,45.2,5.2,Voiron\n';
    const dry = (
      await postImport(t, { content: second, sourceName: 'alpha', dryRun: true })
    ).json() as ImportRecord;
    expect(dry.counts).toMatchObject({ create: 0, update: 2, duplicate: 0 });
    const two = await importNow(t, { content: second, sourceName: 'alpha' });
    expect(two.counts).toMatchObject({ created: 0, updated: 1, unchanged: 1 });

    const entry = await t.app.db
      .selectFrom('entries')
      .select(['id', 'city', 'version'])
      .where('source', '=', 'alpha')
      .where('source_ref', '=', 'A1')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ city: 'Échirolles', version: 2 });
    const history = await t.app.db
      .selectFrom('revisions')
      .select(['op', 'import_id', 'changes'])
      .where('entry_id', '=', entry.id)
      .orderBy('id')
      .execute();
    expect(history.map((h) => [h.op, h.import_id])).toEqual([
      ['create', one.id],
      ['update', two.id],
    ]);
    expect(history[1]?.changes).toEqual({ city: ['Grenoble', 'Échirolles'] });
    // The entries API's history shows the import each change belongs to.
    const api = await t.app.inject({
      method: 'GET',
      url: `/api/entries/${entry.id}/revisions`,
      headers: adminAuth,
    });
    expect(api.statusCode, api.body).toBe(200);
    expect(JSON.stringify(api.json())).toContain(two.id);

    const revert = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${two.id}/revert`,
      headers: adminAuth,
    });
    expect(revert.statusCode, revert.body).toBe(200);
    expect(revert.json()).toMatchObject({
      status: 'reverted',
      report: { revert: { restored: 1, deleted: 0 } },
    });
    const after = await t.app.db
      .selectFrom('entries')
      .select(['city', 'version'])
      .where('id', '=', entry.id)
      .executeTakeFirstOrThrow();
    expect(after).toEqual({ city: 'Grenoble', version: 3 });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${two.id}/revert`,
      headers: adminAuth,
    });
    expect(again.statusCode).toBe(409);
  });

  it('streams progress as Server-Sent Events, ending with the record', async () => {
    const r = await importNow(t, { content: 'name,lat,lon\nStream,1,1\n', sourceName: 'sse' });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/imports/${r.id}/progress`,
      headers: adminAuth,
    });
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(res.body).toMatch(/^event: progress\ndata: .*"status":"done"/);
    expect(res.body).toMatch(/event: end\ndata: \{.*"id":"/);
  });

  it.skipIf(!existsSync(DATA))('imports the CGET census for real, then reverts it', async () => {
    const content = readFileSync(resolve(DATA, 'CGET_TiersLieux_2019.csv'), 'utf8');
    const record = await importNow(t, { content, sourceName: 'cget-2019' });
    expect(record).toMatchObject({ status: 'done', counts: { created: 1512, done: 1512, total: 1512 } });
    const themed = await t.app.db
      .selectFrom('entry_themes')
      .innerJoin('entries', 'entries.id', 'entry_themes.entry_id')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('entries.import_id', '=', record.id)
      .executeTakeFirstOrThrow();
    expect(Number(themed.n)).toBe(345 + 1118);
    const revisions = await t.app.db
      .selectFrom('revisions')
      .select(['op', 'snapshot', 'changes'])
      .where('import_id', '=', record.id)
      .orderBy('id')
      .execute();
    expect(revisions).toHaveLength(1512);
    const anticafe = revisions.find((r) => (r.snapshot as { name?: string }).name === 'Anticafé');
    expect(anticafe).toMatchObject({
      op: 'create',
      snapshot: {
        themes: ['coworking'],
        city: 'Paris',
        geom: { type: 'Point' },
      },
      changes: { name: [null, 'Anticafé'], themes: [null, ['coworking']] },
    });
    // Every create revision carries the themes the entry really has.
    const snapshotThemes = revisions.reduce(
      (n, r) => n + (r.snapshot as { themes: string[] }).themes.length,
      0,
    );
    expect(snapshotThemes).toBe(345 + 1118);
    const revert = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${record.id}/revert`,
      headers: adminAuth,
    });
    expect(revert.json().report.revert).toEqual({ deleted: 1512, restored: 0, conflicts: 0, unrelated: 0 });
    const left = await t.app.db
      .selectFrom('entries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('import_id', '=', record.id)
      .where('deleted_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
  });
});
