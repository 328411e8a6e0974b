import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database';

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

/** The revisions after `afterId`, oldest first; ids become visible in id order (see insertRevisions). */
export async function readRevisionsAfter(
  db: Kysely<Database>,
  afterId: bigint,
  limit: number,
): Promise<RevisionRow[]> {
  return db
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
    .where('id', '>', afterId.toString() as never)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The newest revision id, or 0 on an empty table. */
export async function lastRevisionId(db: Kysely<Database>): Promise<bigint> {
  const row = await db
    .selectFrom('revisions')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();
  return BigInt(row?.max ?? 0);
}
