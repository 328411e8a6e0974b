import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';

// One snapshot shape for the whole app: the entries API defines it, imports reuse it.
import { diffSnapshots, type EntrySnapshot, TRACKED_FIELDS } from '../revisions/revision.snapshot';
import { createChangesSql, snapshotSql } from '../revisions/revision.snapshot-sql';

export { createChangesSql, diffSnapshots, type EntrySnapshot, snapshotSql, TRACKED_FIELDS };

/** The current snapshot and version of each entry, by id (deleted entries included). */
export async function snapshotsOf(
  db: Kysely<Database>,
  ids: string[],
): Promise<Map<string, { version: number; snapshot: EntrySnapshot }>> {
  const result = new Map<string, { version: number; snapshot: EntrySnapshot }>();
  if (ids.length === 0) return result;
  const { rows } = await sql<{ id: string; version: number; snapshot: EntrySnapshot }>`
    SELECT e.id, e.version, ${snapshotSql()} AS snapshot FROM entries e WHERE e.id = ANY(${ids}::uuid[])`.execute(
    db,
  );
  for (const row of rows) result.set(row.id, { version: row.version, snapshot: row.snapshot });
  return result;
}
