import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAuth, buildTestApp, type TestApp } from '../helpers/app';
import { withoutRateLimits } from '../helpers/factories';

const DATA = resolve(process.cwd(), '../shared/data');
describe('POST /api/imports with bad input', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(withoutRateLimits);
  });
  afterAll(async () => {
    await t.close();
  });

  async function raw(payload: Buffer | string, query: Record<string, string> = {}) {
    return t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...adminAuth, 'content-type': 'application/octet-stream' },
      query,
      payload,
    });
  }

  async function expectNothingWritten() {
    const imports = await t.app.db.selectFrom('imports').select('id').execute();
    const entries = await t.app.db.selectFrom('entries').select('id').execute();
    expect({ imports: imports.length, entries: entries.length }).toEqual({ imports: 0, entries: 0 });
  }

  function expectProblem(res: Awaited<ReturnType<typeof raw>>, status: number, code?: string) {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = res.json();
    expect(body.status).toBe(status);
    expect(body.detail).toEqual(expect.any(String));
    if (code) expect(body.code).toBe(code);
  }

  it('refuses an empty file', async () => {
    expectProblem(await raw(Buffer.alloc(0)), 422, 'empty');
    expectProblem(await raw('  \r\n\t '), 422, 'empty');
    await expectNothingWritten();
  });

  it('refuses binary garbage', async () => {
    expectProblem(await raw(randomBytes(64 * 1024)), 422, 'binary');
    // A ZIP header and nothing after it: opened as a spreadsheet would be, and found empty.
    expectProblem(await raw(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3])), 422, 'invalid-archive');
    await expectNothingWritten();
  });

  it.skipIf(!existsSync(DATA))('refuses a truncated JSON file', async () => {
    const whole = readFileSync(resolve(DATA, 'cnfs_lieux-mediation-numerique_2022_sans-aidants.json'));
    const res = await raw(whole.subarray(0, Math.floor(whole.length / 2)));
    expectProblem(res, 422, 'invalid-json');
    expect(res.json().detail).toMatch(/malformed or truncated/);
    await expectNothingWritten();
  });

  it('refuses a CSV with 100,000 columns', async () => {
    const header = Array.from({ length: 100_000 }, (_, i) => `c${i}`).join(',');
    const row = Array.from({ length: 100_000 }, () => '1').join(',');
    const res = await raw(`${header}\n${row}\n`);
    expectProblem(res, 422, 'too-many-columns');
    await expectNothingWritten();
  });

  it('refuses a 100 MB body with 413, and names the import limit', async () => {
    const res = await raw(Buffer.alloc(100 * 1024 * 1024, 0x61));
    expectProblem(res, 413);
    expect(res.json().detail).toMatch(/50 MB/);
    await expectNothingWritten();
  });

  it('refuses a CSV with an unclosed quote', async () => {
    const res = await raw('name,lat,lon\n"Fablab,45.1,4.2\nOther,45.2,4.3\n');
    expectProblem(res, 422, 'invalid-csv');
    await expectNothingWritten();
  });

  it('refuses JSON that holds no records', async () => {
    expectProblem(await raw('{"hello": "world"}'), 422, 'invalid-json');
    expectProblem(await raw('[1, 2, 3]'), 422, 'invalid-json');
    await expectNothingWritten();
  });

  it('answers 400 for an invalid mapping', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: adminAuth,
      payload: { content: 'name\nA\n', mapping: { kind: { default: 'castle' } } },
    });
    expectProblem(res, 400);
    expect(res.json().errors[0].path).toMatch(/^\/mapping/);
  });

  it('answers 400 without content, url or file', async () => {
    expectProblem(
      await t.app.inject({ method: 'POST', url: '/api/imports', headers: adminAuth, payload: {} }),
      400,
    );
  });

  it('needs a token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      payload: { content: 'name\nA\n' },
    });
    expectProblem(res, 401);
    await expectNothingWritten();
  });

  it('refuses to fetch a loopback URL', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: adminAuth,
      payload: { url: 'http://127.0.0.1:9/data.geojson', dryRun: true },
    });
    expectProblem(res, 422);
    expect(res.json().detail).toMatch(/private, loopback or link-local/);
  });

  it('reports rows it cannot use, with their row numbers, and imports the rest', async () => {
    const csv = [
      'nom;latitude;longitude;type',
      'Fablab des Pentes;45,7701;4,8330;fablab',
      ';45.1;4.2;fablab',
      'Lieu perdu;;;',
      'Lieu impossible;95;4;',
      'Lieu texte;abc;4;',
    ].join('\r\n');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: adminAuth,
      payload: { content: csv, dryRun: true, sourceName: 'bad-rows' },
    });
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r.report.delimiter).toBe(';');
    expect(r.counts).toMatchObject({ read: 5, create: 2, rejected: 3, toLocate: 1 });
    expect(r.report.rejected).toEqual([
      { row: 3, reason: 'missing-name', detail: expect.any(String) },
      { row: 5, reason: 'invalid-coordinates', detail: expect.any(String) },
      { row: 6, reason: 'invalid-coordinates', detail: expect.any(String) },
    ]);
    expect(r.report.sample[0].geometry).toEqual({ type: 'Point', coordinates: [4.833, 45.7701] });
  });
});
