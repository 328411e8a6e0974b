import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database';
import type { RevisionRow } from './revision.mapper';

/** An entry's revisions, newest first, older than `before` when given; one more than `limit` tells of a next page. */
export async function entryRevisions(
  db: Kysely<Database>,
  entryId: string,
  options: { limit: number; before: string | null },
): Promise<RevisionRow[]> {
  let query = db
    .selectFrom('revisions')
    .select([
      'id',
      'entry_id',
      'version',
      'op',
      'changes',
      'actor_id',
      'actor_name',
      'workshop_id',
      'import_id',
      'reverted_from',
      'created_at',
    ])
    .where('entry_id', '=', entryId);
  if (options.before) query = query.where('id', '<', options.before as never);
  return query
    .orderBy('id', 'desc')
    .limit(options.limit + 1)
    .execute();
}

/** One revision of an entry with its snapshot, or undefined when the id is not one of this entry's. */
export async function entryRevision(db: Kysely<Database>, entryId: string, revisionId: string) {
  return db
    .selectFrom('revisions')
    .select(['id', 'snapshot'])
    .where('entry_id', '=', entryId)
    .where('id', '=', revisionId as never)
    .executeTakeFirst();
}
