import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';
import { REVISION_WRITERS_LOCK } from '../revisions/revision.repository';

/** A revision row as the live feed reads it. */
export interface RevisionRow {
  id: string;
  entry_id: string;
  version: number;
  op: string;
  changes: Record<string, unknown>;
  snapshot: Record<string, unknown>;
  actor_id: string | null;
  actor_name: string | null;
  workshop_id: string | null;
  import_id: string | null;
  reverted_from: string | null;
  created_at: Date;
}

/**
 * The revisions after `afterId` (and at most `upTo`), oldest first. Ids may commit out of order: the
 * caller passes them through a RevisionFrontier.
 */
export async function readRevisionsAfter(
  db: Kysely<Database>,
  afterId: bigint,
  limit: number,
  upTo?: bigint,
): Promise<RevisionRow[]> {
  let query = db
    .selectFrom('revisions')
    .select([
      'id',
      'entry_id',
      'version',
      'op',
      'changes',
      'snapshot',
      'actor_id',
      'actor_name',
      'workshop_id',
      'import_id',
      'reverted_from',
      'created_at',
    ])
    .where('id', '>', afterId.toString() as never);
  if (upTo !== undefined) query = query.where('id', '<=', upTo.toString() as never);
  return query.orderBy('id').limit(limit).execute();
}

/** Only the ids of the revisions after `afterId`: enough to move the frontier when nobody listens. */
export async function readRevisionIdsAfter(
  db: Kysely<Database>,
  afterId: bigint,
  limit: number,
): Promise<Array<{ id: string }>> {
  return db
    .selectFrom('revisions')
    .select('id')
    .where('id', '>', afterId.toString() as never)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The transactions (virtual ids) of this database now between taking revision ids and their end. */
export async function revisionWritersInFlight(db: Kysely<Database>): Promise<Set<string>> {
  const { rows } = await sql<{ tx: string }>`
    SELECT virtualtransaction AS tx FROM pg_locks
    WHERE locktype = 'advisory' AND granted
      AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND classid = ${REVISION_WRITERS_LOCK.classid} AND objid = ${REVISION_WRITERS_LOCK.objid}
      AND objsubid = 1`.execute(db);
  return new Set(rows.map((r) => r.tx));
}

/** The newest revision id, or 0 on an empty table. */
export async function lastRevisionId(db: Kysely<Database>): Promise<bigint> {
  const row = await db
    .selectFrom('revisions')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return BigInt(row?.max ?? 0);
}
