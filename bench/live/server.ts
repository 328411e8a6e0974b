import { monitorEventLoopDelay } from 'node:perf_hooks';
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
// How long ready work waited for the event loop: what a write or a delivery waits behind other work
// (sampled every millisecond; that millisecond is part of each figure).
const loopDelay = monitorEventLoopDelay({ resolution: 1 });
loopDelay.enable();
console.log(JSON.stringify({ listening: url }));

let stopping = false;
process.on('SIGTERM', async () => {
  if (stopping) return;
  stopping = true;
  const ms = (ns: number) => Math.round(ns / 1e5) / 10;
  console.log(
    JSON.stringify({
      eventLoopDelay: {
        p50: ms(loopDelay.percentile(50)),
        p99: ms(loopDelay.percentile(99)),
        max: ms(loopDelay.max),
      },
    }),
  );
  await app.close();
  await database.close();
  process.exit(0);
});
