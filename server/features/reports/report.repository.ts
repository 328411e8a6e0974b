import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database';
import type { ReportInput } from '../../contract/moderation';
import type { ReportRow } from './report.mapper';

/** The entry fields that decide whether someone may see (and so report) it. */
export async function findReportableEntry(db: Kysely<Database>, id: string) {
  return db
    .selectFrom('entries')
    .select(['id', 'status', 'created_by'])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function entryExists(db: Kysely<Database>, id: string): Promise<boolean> {
  const row = await db.selectFrom('entries').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

/**
 * Files a report; a second identical one from the same reporter while the first is open returns the
 * first (`created: false`) instead of flooding the queue.
 */
export async function fileReport(
  db: Kysely<Database>,
  input: ReportInput & { entryId: string; reporterId: string | null; reporterKey: string },
): Promise<{ row: ReportRow; created: boolean }> {
  const inserted = await db
    .insertInto('reports')
    .values({
      id: randomUUID(),
      entry_id: input.entryId,
      reason: input.reason,
      comment: input.comment ?? '',
      duplicate_of: input.duplicateOf ?? null,
      reporter_id: input.reporterId,
      reporter_key: input.reporterKey,
    })
    .onConflict((oc) =>
      oc.columns(['entry_id', 'reason', 'reporter_key']).where('status', '=', 'open').doNothing(),
    )
    .returningAll()
    .executeTakeFirst();
  if (inserted) return { row: inserted, created: true };
  const existing = await db
    .selectFrom('reports')
    .selectAll()
    .where('entry_id', '=', input.entryId)
    .where('reason', '=', input.reason)
    .where('reporter_key', '=', input.reporterKey)
    .where('status', '=', 'open')
    .executeTakeFirstOrThrow();
  return { row: existing, created: false };
}

/** Reports with the names of who sent and who resolved them, for moderators. */
export function selectReports(db: Kysely<Database>) {
  return db
    .selectFrom('reports as r')
    .leftJoin('contributors as rc', 'rc.id', 'r.reporter_id')
    .leftJoin('contributors as mc', 'mc.id', 'r.resolved_by')
    .select([
      'r.id',
      'r.entry_id',
      'r.reason',
      'r.comment',
      'r.duplicate_of',
      'r.status',
      'r.created_at',
      'r.reporter_id',
      'rc.display_name as reporter_name',
      'r.resolved_at',
      'r.resolved_by',
      'mc.display_name as resolver_name',
      'r.resolution_note',
    ]);
}

export async function listEntryReports(db: Kysely<Database>, entryId: string): Promise<ReportRow[]> {
  return selectReports(db)
    .where('r.entry_id', '=', entryId)
    .orderBy('r.created_at', 'desc')
    .limit(500)
    .execute();
}
