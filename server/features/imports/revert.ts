import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';
import type { LiveBus } from '../../plugins/live-bus';
import { insertRevisions, type NewRevision } from '../revisions/revision.repository';
import { diffSnapshots, type EntrySnapshot, snapshotsOf } from './entry-snapshot';
import { findImport, updateImport } from './import.repository';
import { type BatchContext, revision } from './write-batch';

const BATCH = 500;

export interface RevertResult {
  deleted: number;
  restored: number;
  unrelated: number;
  /** Entries edited by someone else after the import: left as they are. */
  conflicts: number;
}

/**
 * Undoes an import: the entries it created are soft-deleted (op `delete`), the ones it changed get back
 * their earlier values (op `revert`), and the links it made are removed (op `unrelate`). An entry that
 * was edited after the import is left alone and counted as a conflict, so no later work is lost.
 */
export async function revertImport(
  db: Kysely<Database>,
  liveBus: LiveBus,
  importId: string,
  actor: { id: string | null; name: string | null },
): Promise<RevertResult> {
  const ctx: BatchContext = {
    importId,
    source: '',
    actorId: actor.id,
    actorName: actor.name,
    provided: {} as BatchContext['provided'],
  };
  const result: RevertResult = { deleted: 0, restored: 0, unrelated: 0, conflicts: 0 };

  const linked = await db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ from_id: string; to_id: string; type: string }>`
      DELETE FROM relations WHERE import_id = ${importId} RETURNING from_id, to_id, type`.execute(trx);
    const snapshots = await snapshotsOf(trx, [...new Set(rows.map((r) => r.from_id))]);
    const revisions = rows.flatMap((r) => {
      const s = snapshots.get(r.from_id);
      return s
        ? [
            revision(
              ctx,
              r.from_id,
              s.version,
              'unrelate',
              { relation: [{ type: r.type, to: r.to_id }, null] },
              s.snapshot,
            ),
          ]
        : [];
    });
    return { count: rows.length, ids: await insertRevisions(trx, revisions) };
  });
  result.unrelated = linked.count;
  signal(liveBus, linked.ids);

  const created = await sql<{ entry_id: string }>`
    SELECT DISTINCT entry_id FROM revisions WHERE import_id = ${importId} AND op = 'create'`.execute(db);
  const createdIds = created.rows.map((r) => r.entry_id);
  for (let i = 0; i < createdIds.length; i += BATCH) {
    const batch = createdIds.slice(i, i + BATCH);
    const ids = await db.transaction().execute(async (trx) => {
      const before = await snapshotsOf(trx, batch);
      const { rows } = await sql<{ id: string }>`
        UPDATE entries SET deleted_at = now(), version = version + 1, updated_at = now()
        WHERE id = ANY(${batch}::uuid[]) AND deleted_at IS NULL RETURNING id`.execute(trx);
      const after = await snapshotsOf(
        trx,
        rows.map((r) => r.id),
      );
      const revisions: NewRevision[] = [];
      for (const { id } of rows) {
        const a = after.get(id);
        const b = before.get(id);
        if (a && b)
          revisions.push(
            revision(ctx, id, a.version, 'delete', diffSnapshots(b.snapshot, a.snapshot), a.snapshot),
          );
      }
      result.deleted += rows.length;
      return insertRevisions(trx, revisions);
    });
    signal(liveBus, ids);
  }

  // The import's own changes to entries it did not create, newest first, one per entry.
  const changed = await sql<{
    id: string;
    entry_id: string;
    changes: Record<string, [unknown, unknown]>;
    later: boolean;
  }>`
    SELECT DISTINCT ON (r.entry_id) r.id, r.entry_id, r.changes,
      EXISTS (SELECT 1 FROM revisions l WHERE l.entry_id = r.entry_id AND l.id > r.id
        AND l.import_id IS DISTINCT FROM r.import_id) AS later
    FROM revisions r
    WHERE r.import_id = ${importId} AND r.op IN ('update', 'status')
      AND r.entry_id NOT IN (SELECT entry_id FROM revisions WHERE import_id = ${importId} AND op = 'create')
    ORDER BY r.entry_id, r.id`.execute(db);
  const restorable = changed.rows.filter((r) => !r.later);
  result.conflicts = changed.rows.length - restorable.length;
  for (let i = 0; i < restorable.length; i += BATCH) {
    const batch = restorable.slice(i, i + BATCH);
    const ids = await db.transaction().execute(async (trx) => {
      const entryIds = batch.map((r) => r.entry_id);
      await sql`SELECT id FROM entries WHERE id = ANY(${entryIds}::uuid[]) ORDER BY id FOR UPDATE`.execute(
        trx,
      );
      const current = await snapshotsOf(trx, entryIds);
      const targets = batch.flatMap((r) => {
        const now = current.get(r.entry_id);
        if (!now) return [];
        const restored: EntrySnapshot = { ...now.snapshot };
        for (const [key, [before]] of Object.entries(r.changes))
          if (key !== 'deleted_at') restored[key] = before;
        return [{ id: r.entry_id, revisionId: r.id, restored }];
      });
      await writeSnapshots(trx, targets);
      const after = await snapshotsOf(trx, entryIds);
      const revisions: NewRevision[] = [];
      for (const t of targets) {
        const a = after.get(t.id);
        const b = current.get(t.id);
        if (!a || !b) continue;
        revisions.push({
          ...revision(ctx, t.id, a.version, 'revert', diffSnapshots(b.snapshot, a.snapshot), a.snapshot),
          revertedFrom: t.revisionId,
        });
      }
      result.restored += targets.length;
      return insertRevisions(trx, revisions);
    });
    signal(liveBus, ids);
  }

  const row = await findImport(db, importId);
  await updateImport(db, importId, {
    status: 'reverted',
    reverted: true,
    report: { ...(row?.report ?? {}), revert: { ...result } },
  });
  return result;
}

/** Writes whole snapshots back onto their entries (every column a snapshot holds) and bumps the versions. */
async function writeSnapshots(
  trx: Kysely<Database>,
  targets: Array<{ id: string; restored: EntrySnapshot }>,
) {
  if (targets.length === 0) return;
  const records = targets.map(({ id, restored: s }) => ({
    id,
    kind: s.kind,
    name: s.name,
    summary: s.summary,
    description: s.description,
    url: s.url,
    links: s.links ?? [],
    street: s.street ?? null,
    postcode: s.postcode ?? null,
    city: s.city ?? null,
    country: s.country ?? null,
    insee_code: s.insee_code ?? null,
    geometry: s.geom ?? null,
    area: s.area ?? null,
    tags: s.tags ?? [],
    license: s.license ?? null,
    contact: s.contact ?? null,
    status: s.status,
    to_locate: s.to_locate ?? false,
    themes: s.themes ?? [],
  }));
  const json = JSON.stringify(records);
  await sql`
    UPDATE entries e SET kind = r.kind, name = r.name, summary = r.summary, description = r.description,
      url = r.url, links = r.links, street = r.street, postcode = r.postcode, city = r.city, country = r.country,
      insee_code = r.insee_code,
      geom = CASE WHEN r.geometry IS NULL THEN NULL ELSE ST_SetSRID(ST_GeomFromGeoJSON(r.geometry::text), 4326) END,
      area = CASE WHEN r.area IS NULL THEN NULL ELSE ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(r.area::text), 4326)) END,
      tags = r.tags, license = r.license, contact = r.contact, status = r.status, to_locate = r.to_locate,
      version = e.version + 1, updated_at = now()
    FROM jsonb_to_recordset(${json}::jsonb) AS r(id uuid, kind text, name text, summary text, description text,
      url text, links jsonb, street text, postcode text, city text, country text, insee_code text, geometry jsonb,
      area jsonb, tags text[], license text, contact jsonb, status text, to_locate boolean, themes text[])
    WHERE e.id = r.id`.execute(trx);
  const ids = targets.map((t) => t.id);
  await sql`DELETE FROM entry_themes WHERE entry_id = ANY(${ids}::uuid[])`.execute(trx);
  await sql`
    INSERT INTO entry_themes (entry_id, theme_id)
    SELECT r.id, t.id FROM jsonb_to_recordset(${json}::jsonb) AS r(id uuid, themes text[])
    CROSS JOIN LATERAL unnest(r.themes) AS s(slug) JOIN themes t ON t.slug = s.slug
    ON CONFLICT DO NOTHING`.execute(trx);
}

function signal(liveBus: LiveBus, ids: string[]): void {
  const last = ids[ids.length - 1];
  if (last) liveBus.committed(last);
}
