import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncSource } from '../../server/contract/import';
import { BackgroundJobs } from '../../server/features/imports/background-jobs';
import { runDueSyncs } from '../../server/features/sync/sync.service';
import { adminAuth, buildTestApp, type TestApp } from '../helpers/app';
import { withoutRateLimits } from '../helpers/factories';

function feature(id: string, name: string, lng: number, lat: number) {
  return {
    type: 'Feature',
    id,
    geometry: { type: 'Point', coordinates: [lng, lat] },
    properties: { name, ville: 'Nantes' },
  };
}

describe('sync sources', () => {
  let t: TestApp;
  let server: Server;
  let base: string;
  const served: Record<string, string> = {};

  beforeAll(async () => {
    process.env.ATLAS_SYNC_ALLOW_PRIVATE = '1';
    t = await buildTestApp(withoutRateLimits);
    server = createServer((req, res) => {
      const body = served[req.url ?? ''];
      if (body === undefined) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    delete process.env.ATLAS_SYNC_ALLOW_PRIVATE;
    await t.close();
    await new Promise((r) => server.close(r));
  });

  async function register(body: Record<string, unknown>) {
    return t.app.inject({ method: 'POST', url: '/api/sync-sources', headers: adminAuth, payload: body });
  }

  async function runAndWait(id: string): Promise<SyncSource> {
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/sync-sources/${id}/run`,
      headers: adminAuth,
    });
    expect(res.statusCode, res.body).toBe(202);
    for (let i = 0; i < 300; i++) {
      const source = (
        await t.app.inject({ method: 'GET', url: `/api/sync-sources/${id}`, headers: adminAuth })
      ).json();
      if (source.lastStatus !== 'running') return source;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the sync did not finish');
  }

  async function entriesOf(source: string) {
    return t.app.db
      .selectFrom('entries')
      .select(['id', 'name', 'status', 'source_ref', 'version'])
      .where('source', '=', source)
      .orderBy('source_ref')
      .execute();
  }

  it('refuses a loopback URL unless ATLAS_SYNC_ALLOW_PRIVATE=1', async () => {
    delete process.env.ATLAS_SYNC_ALLOW_PRIVATE;
    try {
      for (const url of [
        'http://127.0.0.1/x.geojson',
        'http://localhost/x.geojson',
        'http://[::1]/x',
        'http://169.254.169.254/latest',
        'http://10.1.2.3/a',
      ]) {
        const res = await register({ name: `private ${url}`, url });
        expect(res.statusCode, url).toBe(400);
        expect(res.json().detail).toMatch(/private, loopback or link-local/);
      }
    } finally {
      process.env.ATLAS_SYNC_ALLOW_PRIVATE = '1';
    }
  });

  it('creates, updates in place, and archives what the source drops', async () => {
    served['/map.geojson'] = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        feature('a', 'Atelier A', -1.55, 47.21),
        feature('b', 'Bricothèque B', -1.56, 47.22),
        feature('c', 'Café C', -1.57, 47.23),
      ],
    });
    const created = await register({ name: 'nantes-map', url: `${base}/map.geojson`, intervalMinutes: 60 });
    expect(created.statusCode, created.body).toBe(201);
    const source = created.json() as SyncSource;
    expect(source.nextRunAt).not.toBeNull();

    const first = await runAndWait(source.id);
    expect(first).toMatchObject({ lastStatus: 'done', lastError: null });
    const before = await entriesOf('nantes-map');
    expect(before.map((e) => [e.source_ref, e.name, e.status])).toEqual([
      ['a', 'Atelier A', 'published'],
      ['b', 'Bricothèque B', 'published'],
      ['c', 'Café C', 'published'],
    ]);

    served['/map.geojson'] = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        feature('a', 'Atelier A', -1.55, 47.21),
        feature('b', 'Bricothèque Bis', -1.56, 47.22),
        feature('d', 'Dojo D', -1.58, 47.24),
      ],
    });
    const second = await runAndWait(source.id);
    expect(second.lastStatus).toBe('done');
    const report = (
      await t.app.inject({ method: 'GET', url: `/api/imports/${second.lastImportId}`, headers: adminAuth })
    ).json();
    expect(report.counts).toMatchObject({ created: 1, updated: 1, unchanged: 1, archive: 1, archived: 1 });

    const after = await entriesOf('nantes-map');
    expect(after.map((e) => [e.source_ref, e.name, e.status])).toEqual([
      ['a', 'Atelier A', 'published'],
      ['b', 'Bricothèque Bis', 'published'],
      ['c', 'Café C', 'archived'],
      ['d', 'Dojo D', 'published'],
    ]);
    // Updated in place: the same entries, never duplicated.
    for (const ref of ['a', 'b', 'c']) {
      expect(after.find((e) => e.source_ref === ref)?.id).toBe(before.find((e) => e.source_ref === ref)?.id);
    }
    const archived = after.find((e) => e.source_ref === 'c')!;
    const history = await t.app.db
      .selectFrom('revisions')
      .select(['op', 'import_id', 'changes'])
      .where('entry_id', '=', archived.id)
      .orderBy('id')
      .execute();
    expect(history.map((h) => h.op)).toEqual(['create', 'status']);
    expect(history[1]).toMatchObject({
      import_id: second.lastImportId,
      changes: { status: ['published', 'archived'] },
    });

    // The source brings it back: it is published again, in place.
    served['/map.geojson'] = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        feature('a', 'Atelier A', -1.55, 47.21),
        feature('b', 'Bricothèque Bis', -1.56, 47.22),
        feature('c', 'Café C', -1.57, 47.23),
        feature('d', 'Dojo D', -1.58, 47.24),
      ],
    });
    await runAndWait(source.id);
    expect((await entriesOf('nantes-map')).map((e) => e.status)).toEqual([
      'published',
      'published',
      'published',
      'published',
    ]);
  });

  it('archives nothing when the source answers with no row, and reports a failing source', async () => {
    served['/empty.geojson'] = JSON.stringify({
      type: 'FeatureCollection',
      features: [feature('x', 'X', 1, 45)],
    });
    const source = (
      await register({ name: 'flaky', url: `${base}/empty.geojson`, intervalMinutes: 0 })
    ).json() as SyncSource;
    expect(source.nextRunAt).toBeNull();
    await runAndWait(source.id);
    served['/empty.geojson'] = JSON.stringify({ type: 'FeatureCollection', features: [] });
    expect((await runAndWait(source.id)).lastStatus).toBe('done');
    expect((await entriesOf('flaky')).map((e) => e.status)).toEqual(['published']);
    delete served['/empty.geojson'];
    const failed = await runAndWait(source.id);
    expect(failed).toMatchObject({ lastStatus: 'failed', lastError: expect.stringMatching(/HTTP 404/) });
  });

  it('syncs a GoGoCarto elements API answer', async () => {
    served['/api/elements.json'] = readFileSync(
      resolve('test/fixtures/exchange/gogocarto-full.json'),
      'utf8',
    );
    const source = (
      await register({ name: 'gogo', url: `${base}/api/elements.json`, format: 'gogocarto' })
    ).json() as SyncSource;
    expect((await runAndWait(source.id)).lastStatus).toBe('done');
    expect((await entriesOf('gogo')).map((e) => e.source_ref)).toEqual(['Ab3', 'Ab5']);
  });

  it('runs the sources that are due on the schedule', async () => {
    served['/due.geojson'] = JSON.stringify({
      type: 'FeatureCollection',
      features: [feature('z', 'Zone Z', 2, 46)],
    });
    const source = (
      await register({ name: 'due', url: `${base}/due.geojson`, intervalMinutes: 30 })
    ).json() as SyncSource;
    const jobs = new BackgroundJobs();
    const deps = { db: t.app.db, liveBus: t.app.liveBus, jobs, log: t.app.log };
    expect(await runDueSyncs(deps)).toBe(0);
    await sql`UPDATE sync_sources SET next_run_at = now() - interval '1 minute' WHERE id = ${source.id}`.execute(
      t.app.db,
    );
    expect(await runDueSyncs(deps)).toBe(1);
    await jobs.idle();
    expect((await entriesOf('due')).map((e) => e.name)).toEqual(['Zone Z']);
    const after = (
      await t.app.inject({ method: 'GET', url: `/api/sync-sources/${source.id}`, headers: adminAuth })
    ).json();
    expect(new Date(after.nextRunAt).getTime()).toBeGreaterThan(Date.now() + 25 * 60_000);
  });

  it('imports from a URL given to POST /api/imports', async () => {
    served['/one.geojson'] = JSON.stringify({
      type: 'FeatureCollection',
      features: [feature('u1', 'Par URL', 3, 45)],
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: adminAuth,
      payload: { url: `${base}/one.geojson`, dryRun: true },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      format: 'geojson',
      filename: 'one.geojson',
      counts: { read: 1, create: 1 },
    });
    expect(res.json().sourceName).toBe('one');
  });

  it('is for admins only', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/sync-sources' });
    expect(res.statusCode).toBe(401);
  });
});
