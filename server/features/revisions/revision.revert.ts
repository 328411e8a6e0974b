import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database';
import { invalidField } from '../../lib/http-problem';
import { isModerator } from '../auth/actor';
import type { WriteResult } from '../entries/entry.commit';
import { draftFromRow } from '../entries/entry.draft';
import { themeIdsBySlug } from '../entries/entry.repository';
import { type ConditionalWrite, deletedEntry, lockForWrite, writeDraft } from '../entries/entry.update';
import { entryRevision } from './revision.history';
import { snapshotToDraft } from './revision.snapshot';

/**
 * Brings an entry back to how it was right after `revisionId`, as a new revision (op `revert`, pointing at
 * the one it restores): history is never rewritten. The status comes back only for moderators; themes
 * deleted since are left out.
 */
export async function revertEntry(
  db: Kysely<Database>,
  id: string,
  revisionId: string,
  write: ConditionalWrite,
): Promise<WriteResult> {
  return db.transaction().execute(async (trx) => {
    const row = await lockForWrite(trx, id, write);
    if (row.deleted_at) throw deletedEntry(id);
    const revision = await entryRevision(trx, id, revisionId);
    if (!revision) throw invalidField('/revision', `revision ${revisionId} is not one of this entry's`);
    const current = draftFromRow(row);
    const target = snapshotToDraft(revision.snapshot);
    const known = await themeIdsBySlug(trx, target.themes);
    const next = {
      ...target,
      themes: target.themes.filter((slug) => known.has(slug)),
      status: isModerator(write.actor) ? target.status : current.status,
    };
    return writeDraft(trx, row, current, next, write, { op: 'revert', revertedFrom: revision.id });
  });
}
