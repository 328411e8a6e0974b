import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';
import type { ModerateResult } from '../../contract/workshop';
import type { Actor } from '../auth/actor';
import { insertRevisions } from '../revisions/revision.repository';
import { toSnapshot } from '../revisions/revision.snapshot';
import { readEntries } from './workshop-entries';

export interface Moderation {
  workshopId: string;
  ids: readonly string[];
  action: 'approve' | 'reject';
  actor: Actor;
}

/**
 * Approves or rejects pending entries of one workshop in one transaction: each changed entry gets a new
 * version and a revision with op `status`. Ids that are not pending entries of this workshop are skipped
 * with a reason, so a bulk request where some were already handled by another facilitator still succeeds.
 */
export async function moderateEntries(
  db: Kysely<Database>,
  moderation: Moderation,
): Promise<ModerateResult & { lastRevisionId: string | null }> {
  const ids = [...new Set(moderation.ids)];
  const status = moderation.action === 'approve' ? 'published' : 'rejected';
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('entries')
      .select(['id', 'status', 'workshop_id'])
      .where('id', 'in', ids)
      .where('deleted_at', 'is', null)
      .forUpdate()
      .execute();
    const byId = new Map(rows.map((r) => [r.id, r]));
    const skipped: ModerateResult['skipped'] = [];
    const toChange: string[] = [];
    for (const id of ids) {
      const row = byId.get(id);
      if (!row) skipped.push({ id, reason: 'not-found' });
      else if (row.workshop_id !== moderation.workshopId) skipped.push({ id, reason: 'other-workshop' });
      else if (row.status !== 'pending') skipped.push({ id, reason: 'not-pending' });
      else toChange.push(id);
    }
    if (toChange.length === 0) return { updated: [], skipped, lastRevisionId: null };

    await trx
      .updateTable('entries')
      .set({ status, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', 'in', toChange)
      .execute();
    const order = new Map(toChange.map((id, i) => [id, i]));
    const snapshots = (await readEntries(trx, toChange))
      .sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0))
      .map(toSnapshot);
    const revisionIds = await insertRevisions(
      trx,
      snapshots.map((snapshot) => ({
        entryId: snapshot.id,
        version: snapshot.version,
        op: 'status' as const,
        changes: { status: ['pending', status] },
        snapshot,
        actorId: moderation.actor.id,
        actorName: moderation.actor.displayName,
        workshopId: moderation.workshopId,
      })),
    );
    const updated = snapshots.map((s, i) => ({
      id: s.id,
      status,
      version: s.version,
      revision: revisionIds[i] ?? '',
    }));
    return { updated, skipped, lastRevisionId: revisionIds[revisionIds.length - 1] ?? null };
  });
}
