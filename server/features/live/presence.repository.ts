import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';

/** The presence table of migration 0003, typed here: only the live feature reads or writes it. */
interface LivePresenceTable {
  connection_id: string;
  process_id: string;
  workshop_id: string;
  contributor_id: string;
  connected_at: Date | undefined;
  seen_at: Date | undefined;
}

type WithPresence = Kysely<Database & { live_presence: LivePresenceTable }>;

function presence(db: Kysely<Database>): WithPresence {
  return db.withTables<{ live_presence: LivePresenceTable }>();
}

export interface Participant {
  id: string;
  displayName: string;
  role: string;
}

export async function addPresence(
  db: Kysely<Database>,
  row: { connectionId: string; processId: string; workshopId: string; contributorId: string },
): Promise<void> {
  await presence(db)
    .insertInto('live_presence')
    .values({
      connection_id: row.connectionId,
      process_id: row.processId,
      workshop_id: row.workshopId,
      contributor_id: row.contributorId,
    })
    .onConflict((oc) => oc.column('connection_id').doNothing())
    .execute();
}

export async function removePresence(db: Kysely<Database>, connectionId: string): Promise<void> {
  await presence(db).deleteFrom('live_presence').where('connection_id', '=', connectionId).execute();
}

/** Refreshes this process's rows; returns the workshops they belong to. */
export async function touchPresence(db: Kysely<Database>, processId: string): Promise<string[]> {
  const rows = await presence(db)
    .updateTable('live_presence')
    .set({ seen_at: sql`now()` })
    .where('process_id', '=', processId)
    .returning('workshop_id')
    .execute();
  return [...new Set(rows.map((r) => r.workshop_id))];
}

/** Removes this process's rows (clean shutdown); returns the workshops they belonged to. */
export async function removeProcessPresence(db: Kysely<Database>, processId: string): Promise<string[]> {
  const rows = await presence(db)
    .deleteFrom('live_presence')
    .where('process_id', '=', processId)
    .returning('workshop_id')
    .execute();
  return [...new Set(rows.map((r) => r.workshop_id))];
}

/** Who is connected to a workshop now, once each however many tabs they have open, latest arrival first. */
export async function readPresence(
  db: Kysely<Database>,
  workshopId: string,
  ttlMs: number,
): Promise<Participant[]> {
  const rows = await presence(db)
    .selectFrom('live_presence as p')
    .innerJoin('contributors as c', 'c.id', 'p.contributor_id')
    .select(['c.id', 'c.display_name', 'c.role', (eb) => eb.fn.max('p.connected_at').as('since')])
    .where('p.workshop_id', '=', workshopId)
    .where('p.seen_at', '>', sql<Date>`now() - make_interval(secs => ${ttlMs / 1000})`)
    .where('c.revoked_at', 'is', null)
    .groupBy(['c.id', 'c.display_name', 'c.role'])
    .orderBy('since', 'desc')
    .orderBy('c.id')
    .execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, role: r.role }));
}

/** Rows of processes that stopped refreshing them long ago; any process may sweep them. */
export async function sweepStalePresence(db: Kysely<Database>, ttlMs: number): Promise<void> {
  await presence(db)
    .deleteFrom('live_presence')
    .where('seen_at', '<', sql<Date>`now() - make_interval(secs => ${(ttlMs * 10) / 1000})`)
    .execute();
}
