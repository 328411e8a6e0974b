import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../db/connect';
import { openEmbedded } from '../../db/embedded';
import { migrateToLatest } from '../../db/migrate';

// Migrates one template database per run; every test file then gets its own copy of it, which is far
// faster than migrating per file: a PGlite dump loaded in memory, or CREATE DATABASE … TEMPLATE.

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedTemplate: string;
    postgresTemplate: string;
  }
}

const CACHE = 'node_modules/.cache/atlas-test';

export default async function setup(project: TestProject) {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    project.provide('postgresTemplate', await preparePostgresTemplate(url));
    project.provide('embeddedTemplate', '');
  } else {
    project.provide('embeddedTemplate', await prepareEmbeddedTemplate());
    project.provide('postgresTemplate', '');
  }
}

function schemaHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync('db/migrations').sort())
    hash.update(readFileSync(join('db/migrations', file)));
  return hash.digest('hex').slice(0, 16);
}

async function prepareEmbeddedTemplate(): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const file = join(CACHE, `embedded-template-${schemaHash()}.tar.gz`);
  if (existsSync(file)) return file;
  const engine = await openEmbedded({});
  const handle = await openDatabase({ databaseUrl: engine.connectionString, poolSize: 2 }).catch(
    async (e) => {
      await engine.close();
      throw e;
    },
  );
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.db.destroy();
  }
  const dump = await engine.pglite.dumpDataDir('gzip');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await engine.close();
  return file;
}

async function preparePostgresTemplate(url: string): Promise<string> {
  const template = `atlas_test_template_${schemaHash()}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (exists.rowCount) return template;
    const building = `${template}_building_${process.pid}`;
    await admin.query(`CREATE DATABASE ${building}`);
    const handle = await openDatabase({ databaseUrl: withDatabase(url, building), poolSize: 2 });
    try {
      await migrateToLatest(handle.db);
    } finally {
      await handle.close();
    }
    await admin.query(`ALTER DATABASE ${building} RENAME TO ${template}`);
    return template;
  } finally {
    await admin.end();
  }
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
