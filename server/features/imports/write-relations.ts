import { type Kysely, sql } from 'kysely';
import type { Database, RelationType } from '../../../db/database';
import type { NewRevision } from '../revisions/revision.repository';
import { snapshotsOf } from './entry-snapshot';
import { type BatchContext, revision } from './write-batch';

export interface RelationToWrite {
  type: RelationType;
  from: string;
  to: string;
}

/**
 * Links carried by the file (an atlas export's `relations`), written once every entry exists. A link to an
 * entry that is neither in the file nor in the atlas is left out. Returns the revisions to append last.
 */
export async function writeRelations(
  trx: Kysely<Database>,
  ctx: BatchContext,
  relations: RelationToWrite[],
): Promise<{ count: number; revisions: NewRevision[] }> {
  if (relations.length === 0) return { count: 0, revisions: [] };
  const { rows } = await sql<{ from_id: string; to_id: string; type: RelationType }>`
    INSERT INTO relations (id, type, from_id, to_id, created_by, import_id)
    SELECT gen_random_uuid(), r.type, r.from, r.to, ${ctx.actorId}::uuid, ${ctx.importId}::uuid
    FROM jsonb_to_recordset(${JSON.stringify(relations)}::jsonb) AS r(type text, "from" uuid, "to" uuid)
    WHERE r.from <> r.to
      AND EXISTS (SELECT 1 FROM entries e WHERE e.id = r.from AND e.deleted_at IS NULL)
      AND EXISTS (SELECT 1 FROM entries e WHERE e.id = r.to AND e.deleted_at IS NULL)
    ON CONFLICT DO NOTHING
    RETURNING from_id, to_id, type`.execute(trx);
  const snapshots = await snapshotsOf(trx, [...new Set(rows.map((r) => r.from_id))]);
  const revisions = rows.flatMap((r) => {
    const s = snapshots.get(r.from_id);
    return s
      ? [
          revision(
            ctx,
            r.from_id,
            s.version,
            'relate',
            { relation: [null, { type: r.type, to: r.to_id }] },
            s.snapshot,
          ),
        ]
      : [];
  });
  return { count: rows.length, revisions };
}
