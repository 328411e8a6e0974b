import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';
import type { ImportMapping, SyncSource } from '../../contract/import';

/** The sync_sources table (migration 0004). */
export interface SyncSourcesTable {
  id: string;
  name: string;
  url: string;
  format: string;
  mapping: unknown;
  interval_minutes: number;
  enabled: boolean;
  next_run_at: Date | null;
  last_run_at: Date | null;
  last_status: 'running' | 'done' | 'failed' | null;
  last_error: string | null;
  last_import_id: string | null;
  created_by: string | null;
  created_at: Date;
}

export type SyncRow = SyncSourcesTable;

function table(db: Kysely<Database>) {
  return db.withTables<{ sync_sources: SyncSourcesTable }>();
}

export async function insertSyncSource(
  db: Kysely<Database>,
  row: {
    id: string;
    name: string;
    url: string;
    format: string;
    mapping: ImportMapping;
    intervalMinutes: number;
    enabled: boolean;
    createdBy: string | null;
  },
): Promise<SyncRow | undefined> {
  return table(db)
    .insertInto('sync_sources')
    .values({
      id: row.id,
      name: row.name,
      url: row.url,
      format: row.format,
      mapping: JSON.stringify(row.mapping),
      interval_minutes: row.intervalMinutes,
      enabled: row.enabled,
      next_run_at:
        row.intervalMinutes > 0 ? sql<Date>`now() + make_interval(mins => ${row.intervalMinutes})` : null,
      created_by: row.createdBy,
      created_at: sql<Date>`now()`,
      last_run_at: null,
      last_status: null,
      last_error: null,
      last_import_id: null,
    })
    .onConflict((oc) => oc.column('name').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export async function findSyncSource(db: Kysely<Database>, id: string): Promise<SyncRow | undefined> {
  return table(db).selectFrom('sync_sources').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listSyncSources(db: Kysely<Database>): Promise<SyncRow[]> {
  return table(db).selectFrom('sync_sources').selectAll().orderBy('name').execute();
}

export async function deleteSyncSource(db: Kysely<Database>, id: string): Promise<boolean> {
  const result = await table(db).deleteFrom('sync_sources').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/**
 * Marks a source as running unless it already is (a run that started over an hour ago is taken as dead),
 * and schedules its next run. Only the caller that gets the row back runs it, whichever process it is.
 */
export async function claimSyncSource(db: Kysely<Database>, id: string): Promise<SyncRow | undefined> {
  return table(db)
    .updateTable('sync_sources')
    .set({
      last_status: 'running',
      last_error: null,
      last_run_at: sql<Date>`now()`,
      next_run_at: sql<Date | null>`CASE WHEN interval_minutes > 0 THEN now() + make_interval(mins => interval_minutes) END`,
    })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('last_status', 'is', null),
        eb('last_status', '<>', 'running'),
        eb('last_run_at', '<', sql<Date>`now() - interval '1 hour'`),
      ]),
    )
    .returningAll()
    .executeTakeFirst();
}

export async function finishSyncSource(
  db: Kysely<Database>,
  id: string,
  outcome: { status: 'done' | 'failed'; error: string | null; importId: string | null },
): Promise<void> {
  await table(db)
    .updateTable('sync_sources')
    .set({ last_status: outcome.status, last_error: outcome.error, last_import_id: outcome.importId })
    .where('id', '=', id)
    .execute();
}

/** The enabled sources whose next run is due. */
export async function dueSyncSources(db: Kysely<Database>): Promise<string[]> {
  const rows = await table(db)
    .selectFrom('sync_sources')
    .select('id')
    .where('enabled', '=', true)
    .where('interval_minutes', '>', 0)
    .where('next_run_at', '<=', sql<Date>`now()`)
    .execute();
  return rows.map((r) => r.id);
}

export function toSyncSource(row: SyncRow): SyncSource {
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    format: row.format,
    mapping: row.mapping,
    intervalMinutes: row.interval_minutes,
    enabled: row.enabled,
    lastRunAt: row.last_run_at?.toISOString() ?? null,
    lastStatus: row.last_status,
    lastError: row.last_error,
    lastImportId: row.last_import_id,
    nextRunAt: row.next_run_at?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}
