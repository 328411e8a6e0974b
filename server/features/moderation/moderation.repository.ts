import { type Kysely, sql } from 'kysely';
import type { Database, EntryStatus } from '../../../db/database';
import type { QueueEntry } from '../../contract/moderation';
import type { Actor } from '../auth/actor';
import { selectReports } from '../reports/report.repository';
import { insertRevisions } from '../revisions/revision.repository';

/** The status each bulk action leads to. */
export const ACTION_STATUS = { approve: 'published', reject: 'rejected', archive: 'archived' } as const;
export type BulkActionName = keyof typeof ACTION_STATUS;

function selectQueueEntries(db: Kysely<Database>) {
  return db
    .selectFrom('entries as e')
    .leftJoin('contributors as c', 'c.id', 'e.created_by')
    .select([
      'e.id',
      'e.kind',
      'e.name',
      'e.summary',
      'e.status',
      'e.version',
      'e.workshop_id',
      'e.created_by',
      'c.display_name as created_by_name',
      'e.created_at',
      'e.updated_at',
    ])
    .where('e.deleted_at', 'is', null);
}

type QueueRow = Awaited<ReturnType<ReturnType<typeof selectQueueEntries>['execute']>>[number];

export function toQueueEntry(row: QueueRow): QueueEntry {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    summary: row.summary,
    status: row.status,
    version: row.version,
    workshopId: row.workshop_id,
    createdBy: row.created_by ? { id: row.created_by, displayName: row.created_by_name ?? '' } : null,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** Pending entries (oldest first) and open reports about live entries, optionally for one workshop. */
export async function readQueue(db: Kysely<Database>, options: { workshopId?: string; limit: number }) {
  let pending = selectQueueEntries(db).where('e.status', '=', 'pending');
  if (options.workshopId) pending = pending.where('e.workshop_id', '=', options.workshopId);
  let reports = selectReports(db)
    .innerJoin('entries as e', 'e.id', 'r.entry_id')
    .where('r.status', '=', 'open')
    .where('e.deleted_at', 'is', null);
  if (options.workshopId) reports = reports.where('e.workshop_id', '=', options.workshopId);

  const [pendingRows, reportRows, pendingCount, reportCount] = await Promise.all([
    pending.orderBy('e.created_at').orderBy('e.id').limit(options.limit).execute(),
    reports.orderBy('r.created_at').orderBy('r.id').limit(options.limit).execute(),
    pending
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
    reports
      .clearSelect()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  const entryIds = [...new Set(reportRows.map((r) => r.entry_id))];
  const reported = entryIds.length
    ? await selectQueueEntries(db).where('e.id', 'in', entryIds).execute()
    : [];
  const byId = new Map(reported.map((row) => [row.id, toQueueEntry(row)]));
  return {
    pending: pendingRows.map(toQueueEntry),
    reportRows: reportRows.map((row) => ({ row, entry: byId.get(row.entry_id) })),
    counts: { pending: Number(pendingCount.n), openReports: Number(reportCount.n) },
  };
}

export async function workshopIdByCode(db: Kysely<Database>, codeOrId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('workshops')
    .select('id')
    .where((eb) =>
      /^[0-9a-f-]{36}$/i.test(codeOrId)
        ? eb('id', '=', codeOrId)
        : eb(sql`upper(code)`, '=', codeOrId.toUpperCase()),
    )
    .executeTakeFirst();
  return row?.id;
}

// The same snapshot shape as every other writer's: the entry's columns, geometries as GeoJSON, theme slugs.
async function readSnapshots(trx: Kysely<Database>, ids: readonly string[]) {
  const { rows } = await sql<Record<string, unknown> & { id: string }>`
    SELECT e.id, e.kind, e.name, e.summary, e.description, e.url, e.links, e.street, e.postcode, e.city,
      e.country, e.insee_code, ST_AsGeoJSON(e.geom)::json AS geom, ST_AsGeoJSON(e.area)::json AS area, e.tags,
      e.license, e.contact, e.status, e.source, e.source_ref, e.to_locate, e.created_by,
      c.display_name AS created_by_name, e.workshop_id, e.import_id, e.version, e.created_at, e.updated_at,
      e.deleted_at,
      coalesce((SELECT array_agg(t.slug ORDER BY t.slug) FROM entry_themes et JOIN themes t ON t.id = et.theme_id
        WHERE et.entry_id = e.id), '{}') AS themes
    FROM entries e LEFT JOIN contributors c ON c.id = e.created_by
    WHERE e.id = ANY(${sql.val(ids)}::uuid[])`.execute(trx);
  return new Map(rows.map((row) => [row.id, JSON.parse(JSON.stringify(row)) as Record<string, unknown>]));
}

export interface BulkOutcome {
  changed: { id: string; status: EntryStatus; version: number; revisionId: string }[];
  unchanged: string[];
  notFound: string[];
  resolvedReports: number;
  lastRevisionId: string | undefined;
}

/**
 * Sets the status of many entries in one transaction: each change bumps the entry's version and is
 * recorded as a `status` revision by the moderator. Optionally closes the entries' open reports.
 */
export async function applyBulkStatus(
  db: Kysely<Database>,
  input: {
    ids: string[];
    action: BulkActionName;
    actor: Actor;
    resolveReports: boolean;
    note: string | null;
  },
): Promise<BulkOutcome> {
  const target = ACTION_STATUS[input.action];
  return db.transaction().execute(async (trx) => {
    const current = await trx
      .selectFrom('entries')
      .select(['id', 'status', 'version', 'workshop_id'])
      .where('id', 'in', input.ids)
      .where('deleted_at', 'is', null)
      .orderBy('id')
      .forUpdate()
      .execute();
    const found = new Set(current.map((r) => r.id));
    const toChange = current.filter((r) => r.status !== target);
    const unchanged = current.filter((r) => r.status === target).map((r) => r.id);

    const updated = toChange.length
      ? await trx
          .updateTable('entries')
          .set({ status: target, version: sql`version + 1`, updated_at: sql`now()` })
          .where(
            'id',
            'in',
            toChange.map((r) => r.id),
          )
          .returning(['id', 'version'])
          .execute()
      : [];
    const versions = new Map(updated.map((r) => [r.id, r.version]));

    let resolvedReports = 0;
    if (input.resolveReports) {
      const result = await trx
        .updateTable('reports')
        .set({
          status: 'resolved',
          resolved_at: sql`now()`,
          resolved_by: input.actor.id,
          resolution_note: input.note ?? `${input.action} (bulk)`,
        })
        .where('entry_id', 'in', [...found])
        .where('status', '=', 'open')
        .executeTakeFirst();
      resolvedReports = found.size ? Number(result.numUpdatedRows) : 0;
    }

    const snapshots = await readSnapshots(
      trx,
      toChange.map((r) => r.id),
    );
    const revisionIds = await insertRevisions(
      trx,
      toChange.map((r) => ({
        entryId: r.id,
        version: versions.get(r.id) ?? r.version + 1,
        op: 'status' as const,
        changes: { status: [r.status, target] },
        snapshot: snapshots.get(r.id) ?? {},
        actorId: input.actor.id,
        actorName: input.actor.displayName,
        workshopId: r.workshop_id,
      })),
    );
    return {
      changed: toChange.map((r, i) => ({
        id: r.id,
        status: target,
        version: versions.get(r.id) ?? r.version + 1,
        revisionId: revisionIds[i] ?? '',
      })),
      unchanged,
      notFound: input.ids.filter((id) => !found.has(id)),
      resolvedReports,
      lastRevisionId: revisionIds[revisionIds.length - 1],
    };
  });
}

export async function resolveReport(
  db: Kysely<Database>,
  input: { id: string; status: 'resolved' | 'dismissed'; actor: Actor; note: string | null },
): Promise<'resolved' | 'not-found' | 'already-closed'> {
  const result = await db
    .updateTable('reports')
    .set({
      status: input.status,
      resolved_at: sql`now()`,
      resolved_by: input.actor.id,
      resolution_note: input.note,
    })
    .where('id', '=', input.id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return 'resolved';
  const exists = await db.selectFrom('reports').select('id').where('id', '=', input.id).executeTakeFirst();
  return exists ? 'already-closed' : 'not-found';
}
