import { readConfig } from '../server/config';
import { openDatabase } from './connect';
import { migrateToLatest } from './migrate';

// `npm run migrate`: apply pending migrations to DATABASE_URL, or to the embedded data directory.
try {
  const config = readConfig();
  const handle = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 2,
  });
  try {
    const applied = await migrateToLatest(handle.db);
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'the schema is up to date');
  } finally {
    await handle.close();
  }
} catch (error) {
  console.error(`atlas: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
