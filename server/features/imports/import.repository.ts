import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';
import type { ImportCounts, ImportRecord } from '../../contract/import';

export type ImportStatus = ImportRecord['status'];
export type ImportReport = ImportRecord['report'];

export function emptyCounts(): ImportCounts {
  return {
    read: 0,
    create: 0,
    update: 0,
    unchanged: 0,
    duplicate: 0,
    rejected: 0,
    toLocate: 0,
    archive: 0,
    created: 0,
    updated: 0,
    archived: 0,
    relations: 0,
    done: 0,
    total: 0,
  };
}

export interface NewImport {
  id: string;
  format: string;
  status: ImportStatus;
  dryRun: boolean;
  sourceName: string;
  filename: string | null;
  options: Record<string, unknown>;
  counts: ImportCounts;
  report: ImportReport;
  createdBy: string | null;
}

export async function insertImport(db: Kysely<Database>, row: NewImport): Promise<void> {
  await db
    .insertInto('imports')
    .values({
      id: row.id,
      format: row.format,
      status: row.status,
      dry_run: row.dryRun,
      source_name: row.sourceName,
      filename: row.filename,
      options: JSON.stringify(row.options),
      counts: JSON.stringify(row.counts),
      report: JSON.stringify(row.report),
      created_by: row.createdBy,
      finished_at: row.status === 'done' || row.status === 'failed' ? new Date() : null,
    })
    .execute();
}

export async function updateImport(
  db: Kysely<Database>,
  id: string,
  patch: {
    status?: ImportStatus;
    counts?: ImportCounts;
    report?: ImportReport;
    finished?: boolean;
    reverted?: boolean;
  },
): Promise<void> {
  await db
    .updateTable('imports')
    .set({
      ...(patch.status ? { status: patch.status } : {}),
      ...(patch.counts ? { counts: JSON.stringify(patch.counts) } : {}),
      ...(patch.report ? { report: JSON.stringify(patch.report) } : {}),
      ...(patch.finished ? { finished_at: sql<Date>`now()` } : {}),
      ...(patch.reverted ? { reverted_at: sql<Date>`now()` } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export interface ImportRow {
  id: string;
  format: string;
  status: ImportStatus;
  dry_run: boolean;
  source_name: string | null;
  filename: string | null;
  options: Record<string, unknown>;
  counts: Partial<ImportCounts>;
  report: ImportReport;
  created_by: string | null;
  created_at: Date;
  finished_at: Date | null;
  reverted_at: Date | null;
}

export async function findImport(db: Kysely<Database>, id: string): Promise<ImportRow | undefined> {
  return (await db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst()) as
    | ImportRow
    | undefined;
}

/** The latest imports, newest first; dry runs (every preview makes one) only when asked for. */
export async function listImports(
  db: Kysely<Database>,
  options: { limit: number; dryRuns: boolean },
): Promise<ImportRow[]> {
  let query = db.selectFrom('imports').selectAll();
  if (!options.dryRuns) query = query.where('dry_run', '=', false);
  return (await query.orderBy('created_at', 'desc').limit(options.limit).execute()) as ImportRow[];
}

/** The API's view of an import row. */
export function toImportRecord(row: ImportRow): ImportRecord {
  return {
    id: row.id,
    status: row.status,
    dryRun: row.dry_run,
    format: row.format,
    sourceName: row.source_name,
    filename: row.filename,
    counts: { ...emptyCounts(), ...row.counts },
    report: row.report,
    createdAt: row.created_at.toISOString(),
    finishedAt: row.finished_at ? row.finished_at.toISOString() : null,
    revertedAt: row.reverted_at ? row.reverted_at.toISOString() : null,
  };
}

/**
 * How many import batches may be written at once: two on PostgreSQL, whose backends use a second core
 * (revision writers do not wait for each other), one on the embedded engine, whose connections share a
 * single backend (a second transaction would only wait for the first).
 */
export async function parallelWriters(db: Kysely<Database>): Promise<number> {
  const { rows } = await sql<{ version: string }>`SELECT version() AS version`.execute(db);
  return /pglite/i.test(rows[0]?.version ?? '') ? 1 : 2;
}
