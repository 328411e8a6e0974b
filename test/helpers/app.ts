import { buildApp } from '../../server/app';
import { type Config, readConfig } from '../../server/config';
import { freshDatabase, type TestDatabase } from './database';

/** The admin token every test app accepts. */
export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

export interface TestApp {
  app: Awaited<ReturnType<typeof buildApp>>;
  database: TestDatabase;
  config: Config;
  close(): Promise<void>;
}

/** The real app on a fresh database of its own, for `app.inject()`. */
export async function buildTestApp(overrides: Partial<Config> = {}): Promise<TestApp> {
  const database = await freshDatabase();
  const config: Config = {
    ...readConfig({ ATLAS_ADMIN_TOKEN: ADMIN_TOKEN, ATLAS_DEMO: '0' }),
    ...overrides,
  };
  const app = await buildApp({ config, database, clientRoot: 'test/fixtures/no-client' });
  await app.ready();
  return {
    app,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export const adminAuth = { authorization: `Bearer ${ADMIN_TOKEN}` };
