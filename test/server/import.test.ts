import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportRecord } from '../../server/contract/import';
import { adminAuth, buildTestApp, type TestApp } from '../helpers/app';

const DATA = resolve(process.cwd(), '../shared/data');
const NO_LIMITS = {
  readsPerAddress: 0,
  writesPerAddress: 0,
  writesPerToken: 0,
  importsPerToken: 0,
  loginsPerAddress: 0,
  reportsPerAddress: 0,
  liveConnectionsPerAddress: 0,
};

async function postImport(t: TestApp, body: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/imports', headers: adminAuth, payload: body });
}

async function waitForImport(t: TestApp, id: string): Promise<ImportRecord> {
  for (let i = 0; i < 600; i++) {
    const res = await t.app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: adminAuth });
    const record = res.json() as ImportRecord;
    if (res.statusCode !== 200) throw new Error(res.body);
    if (record.status !== 'running' && record.status !== 'pending') return record;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`import ${id} did not finish`);
}

describe.skipIf(!existsSync(DATA))('POST /api/imports with the CGET tiers-lieux census', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp({ rateLimits: NO_LIMITS });
    await t.app.db
      .insertInto('themes')
      .values([
        { slug: 'coworking', label_fr: 'Coworking', label_en: 'Coworking' },
        { slug: 'fablab', label_fr: 'Fablab', label_en: 'Fablab' },
      ])
      .execute();
  });
  afterAll(async () => {
    await t.close();
  });

  it('dry-runs the CSV without writing an entry', async () => {
    const content = readFileSync(resolve(DATA, 'CGET_TiersLieux_2019.csv'), 'utf8');
    const res = await postImport(t, { content, dryRun: true, sourceName: 'cget-2019' });
    expect(res.statusCode).toBe(200);
    const record = res.json() as ImportRecord;
    expect(record).toMatchObject({ dryRun: true, status: 'done', format: 'csv' });
    expect(record.counts.read).toBe(1512);
    console.log(
      JSON.stringify(
        {
          counts: record.counts,
          mapping: record.report.mapping,
          warnings: record.report.warnings,
          themeValues: record.report.themeValues,
          rejected: record.report.rejected?.slice(0, 5),
          dups: record.report.duplicates?.slice(0, 5),
        },
        null,
        1,
      ),
    );
    const entries = await t.app.db
      .selectFrom('entries')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirst();
    expect(Number(entries?.n)).toBe(0);
  });

  it('imports it for real, then reverts it', async () => {
    const content = readFileSync(resolve(DATA, 'CGET_TiersLieux_2019.csv'), 'utf8');
    const res = await postImport(t, { content, sourceName: 'cget-2019' });
    expect(res.statusCode).toBe(202);
    const record = await waitForImport(t, res.json().id);
    console.log(JSON.stringify({ counts: record.counts, error: record.report.error }, null, 1));
    expect(record.status).toBe('done');
    const again = await postImport(t, { content, sourceName: 'cget-2019', dryRun: true });
    console.log(JSON.stringify(again.json().counts));
    const revert = await t.app.inject({
      method: 'POST',
      url: `/api/imports/${record.id}/revert`,
      headers: adminAuth,
    });
    expect(revert.statusCode).toBe(200);
    console.log(JSON.stringify(revert.json().report.revert));
  });
});
