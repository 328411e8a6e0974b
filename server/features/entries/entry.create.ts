import { randomUUID } from 'node:crypto';
import type { PreparedTarget } from '../../../db/prepared';
import type { EntryInput, EntryStatus } from '../../contract/entry';
import { canonicalHash } from '../../lib/canonical-json';
import { HttpProblem } from '../../lib/http-problem';
import { type Actor, isModerator } from '../auth/actor';
import type { WriteScope } from './entry.access';
import type { WriteResult } from './entry.commit';
import { draftFromInput } from './entry.draft';
import { insertNewEntry } from './entry.insert';
import { lockEntry, readEntry } from './entry.repository';
import { validateDraft } from './entry.validate';

/** A creation, or the entry an identical earlier request already created (`created: false`). */
export type CreateResult = WriteResult & { created: boolean };

/**
 * Creates an entry, its themes and its revision in one statement. The id may come from the client: the same
 * id with the same body answers the existing entry (a retry), with another body it is a 409. Concurrent
 * retries are decided by the primary key (INSERT … ON CONFLICT DO NOTHING waits for the other inserter to
 * commit).
 */
export async function createEntry(
  database: PreparedTarget,
  actor: Actor,
  scope: WriteScope,
  input: EntryInput,
): Promise<CreateResult> {
  const status = initialStatus(actor, scope, input.properties.status);
  const id = input.id ?? randomUUID();
  const createHash = canonicalHash(input);
  const db = database.db;
  const { draft, themeIds } = await validateDraft(db, draftFromInput(input, status));
  const inserted = await insertNewEntry(database, actor, {
    id,
    draft,
    themeIds,
    workshopId: scope.workshopId,
    createHash,
  });
  if (inserted) return { ...inserted, created: true };
  // The id exists: a retry of this very request answers the entry it made, anything else is a conflict.
  return db.transaction().execute(async (trx) => {
    const existing = await lockEntry(trx, id);
    if (!existing || existing.create_hash !== createHash) {
      throw new HttpProblem(409, `An entry with the id ${id} exists already, created from another body.`, {
        type: '/problems/id-conflict',
      });
    }
    return { row: (await readEntry(trx, id))!, revisionId: null, created: false };
  });
}

/**
 * `published`, or `pending` for a contributor in a workshop under review. Moderators may choose any status;
 * others may only ask for the one they would get anyway.
 */
function initialStatus(actor: Actor, scope: WriteScope, asked: EntryStatus | undefined): EntryStatus {
  const given: EntryStatus = scope.review ? 'pending' : 'published';
  if (asked === undefined || asked === given || isModerator(actor)) return asked ?? given;
  throw new HttpProblem(403, `Only moderators may create an entry with status "${asked}".`, {
    type: '/problems/status-reserved',
  });
}
