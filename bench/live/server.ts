import { openDatabase } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { buildApp } from '../../server/app';
import { readConfig } from '../../server/config';

// One server process of the live bench: the real app on DATABASE_URL (already migrated by the runner) or
// on an embedded database in ATLAS_DATA_DIR (migrated here). Prints `{"listening": url}` once ready.

const config = readConfig(process.env);
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: 20,
});
if (database.engine === 'embedded') await migrateToLatest(database.db);
const app = await buildApp({
  config,
  database,
  clientRoot: 'test/fixtures/no-client',
  logger: { level: config.logLevel },
});

const url = await app.listen({ port: 0, host: '127.0.0.1' });
console.log(JSON.stringify({ listening: url }));

let stopping = false;
process.on('SIGTERM', async () => {
  if (stopping) return;
  stopping = true;
  await app.close();
  await database.close();
  process.exit(0);
});
