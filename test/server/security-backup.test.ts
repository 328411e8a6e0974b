import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPGlite } from '../../db/embedded';
import { ADMIN_TOKEN, adminAuth, buildTestApp } from '../helpers/app';
import { testEngine } from '../helpers/database';
import { runServer } from '../helpers/server-runner';
import { makeContributor, makeEntry } from './security.fixtures';

const embedded = testEngine === 'embedded';
const cleanup: string[] = [];
afterAll(() => {
  for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
});

describe('backups', () => {
  it.runIf(embedded)(
    'an admin downloads a consistent copy of the running embedded database',
    { timeout: 180_000 },
    async () => {
      const t = await buildTestApp();
      try {
        for (let i = 0; i < 3; i++) await makeEntry(t.app.db);
        const contributor = await makeContributor(t.app.db);
        const denied = await t.app.inject({
          method: 'GET',
          url: '/api/admin/backup',
          headers: contributor.headers,
        });
        expect(denied.statusCode).toBe(403);
        const res = await t.app.inject({ method: 'GET', url: '/api/admin/backup', headers: adminAuth });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toBe('application/gzip');
        expect(res.headers['content-disposition']).toMatch(
          /attachment; filename="atlas-backup-\d{8}T?\d{6}\.tar\.gz"/,
        );
        expect(res.headers['x-atlas-entries']).toBe('3');
        const copy = await createPGlite({
          loadDataDir: new Blob([new Uint8Array(res.rawPayload)], { type: 'application/x-gzip' }),
        });
        const { rows } = await copy.query<{ n: number }>('SELECT count(*)::int AS n FROM entries');
        await copy.close();
        expect(rows[0]?.n).toBe(3);
      } finally {
        await t.close();
      }
    },
  );

  it.runIf(!embedded)('points to pg_dump on PostgreSQL', async () => {
    const t = await buildTestApp();
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/admin/backup', headers: adminAuth });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toMatchObject({ type: '/problems/use-pg-dump' });
    } finally {
      await t.close();
    }
  });

  it.runIf(embedded)(
    'npm run backup copies a running server; npm run restore puts the copy back, keeping the old directory',
    { timeout: 300_000 },
    async () => {
      const root = mkdtempSync(join(tmpdir(), 'atlas-backup-'));
      cleanup.push(root);
      const dataDir = join(root, 'data');
      const env = { ATLAS_DATA_DIR: dataDir, ATLAS_DEMO: '0', ATLAS_ADMIN_TOKEN: ADMIN_TOKEN };
      const cli = (script: string, ...args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', script, ...args], {
          env: { ...process.env, ...env, DATABASE_URL: '' },
          encoding: 'utf8',
        });
      const titles = async (url: string) => {
        const res = await fetch(`${url}/api/workshops`, { headers: adminAuth });
        return ((await res.json()) as { workshops: { title: string }[] }).workshops
          .map((w) => w.title)
          .sort();
      };

      let server = await runServer(env);
      const write = async (name: string) => {
        const res = await fetch(`${server.url}/api/workshops`, {
          method: 'POST',
          headers: { ...adminAuth, 'content-type': 'application/json' },
          body: JSON.stringify({ title: name }),
        });
        expect(res.status).toBe(201);
      };
      await write('Avant la sauvegarde');
      const file = join(root, 'copy.tar.gz');
      const backup = cli('db/backup.ts', file);
      expect(backup.status, backup.stderr).toBe(0);
      expect(backup.stdout).toMatch(/taken by the running server/);
      await write('Après la sauvegarde');

      const refused = cli('db/restore.ts', file);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toMatch(/stop it first/);
      await server.stop();

      const offline = cli('db/backup.ts', join(root, 'offline.tar.gz'));
      expect(offline.status, offline.stderr).toBe(0);
      expect(offline.stdout).toMatch(/server stopped/);

      const restore = cli('db/restore.ts', file);
      expect(restore.status, restore.stderr).toBe(0);
      expect(readdirSync(root).some((name) => name.startsWith('data.before-restore-'))).toBe(true);

      server = await runServer(env);
      try {
        expect(await titles(server.url)).toEqual(['Avant la sauvegarde']);
      } finally {
        await server.stop();
      }
      expect(existsSync(join(dataDir, 'atlas.control.json'))).toBe(false);
      expect(readFileSync(file).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    },
  );
});
