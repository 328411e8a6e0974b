import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { openDatabase } from '../../db/connect';
import { migrateToLatest } from '../../db/migrate';
import { buildApp } from '../../server/app';
import { readConfig } from '../../server/config';
import { insertRevisions } from '../../server/features/revisions/revision.repository';
import { readEntrySnapshots } from '../../server/features/workshops/entry-snapshot';

// One server process of the live bench: the real app on DATABASE_URL (already migrated by the runner) or
// on an embedded database in ATLAS_DATA_DIR (migrated here). Prints `{"listening": url}` once ready.
//
// It also answers POST /bench/entries, a plain write (entry row + revision in one transaction, then the
// in-process signal), used only while POST /api/entries is not part of the app.

const config = readConfig(process.env);
const database = await openDatabase({
  databaseUrl: config.databaseUrl,
  dataDir: config.dataDir,
  poolSize: 20,
});
if (database.engine === 'embedded') await migrateToLatest(database.db);
const app = await buildApp({ config, database, clientRoot: 'test/fixtures/no-client' });

app.post('/bench/entries', { schema: { hide: true } }, async (request, reply) => {
  const actor = request.actor;
  if (!actor) return reply.code(401).send();
  const body = request.body as { name: string; lng: number; lat: number };
  const id = randomUUID();
  const ids = await app.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('entries')
      .values({
        id,
        kind: 'place',
        name: body.name,
        links: '[]',
        geom: sql<string>`ST_SetSRID(ST_MakePoint(${body.lng}, ${body.lat}), 4326)`,
        created_by: actor.id,
        workshop_id: actor.workshopId,
      })
      .execute();
    const [snapshot] = await readEntrySnapshots(trx, [id]);
    return insertRevisions(trx, [
      {
        entryId: id,
        version: 1,
        op: 'create',
        changes: {},
        snapshot: snapshot ?? { id },
        actorId: actor.id,
        actorName: actor.displayName,
        workshopId: actor.workshopId,
      },
    ]);
  });
  const last = ids[ids.length - 1];
  if (last) app.liveBus.committed(last);
  return reply.code(201).send({ id });
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
