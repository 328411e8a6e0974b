import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../../db/connect';

/** Which engine this run tests: TEST_DATABASE_URL set means a real PostgreSQL + PostGIS. */
export const testEngine: 'embedded' | 'postgres' = process.env.TEST_DATABASE_URL ? 'postgres' : 'embedded';

export interface TestDatabase extends DatabaseHandle {
  /** On PostgreSQL, the URL of this test's own database (for extra processes or connections). */
  url: string | undefined;
}

/** A fresh, migrated, empty database of its own, copied from the run's template. */
export async function freshDatabase(options: { poolSize?: number } = {}): Promise<TestDatabase> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const template = inject('embeddedTemplate');
    const handle = await openDatabase({
      loadDataDir: new Blob([readFileSync(template)]),
      poolSize: options.poolSize,
    });
    return { ...handle, url: undefined };
  }
  const name = `atlas_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${inject('postgresTemplate')}`);
  } finally {
    await admin.end();
  }
  const dbUrl = new URL(url);
  dbUrl.pathname = `/${name}`;
  const handle = await openDatabase({ databaseUrl: dbUrl.toString(), poolSize: options.poolSize });
  return {
    ...handle,
    url: dbUrl.toString(),
    async close() {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      try {
        await cleanup.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await cleanup.end();
      }
    },
  };
}
