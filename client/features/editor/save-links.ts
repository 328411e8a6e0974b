import type { EntryFeature, EntryKind, EntryRef } from '../../../server/contract/entry';
import { createRelation } from '../../lib/api-entries';
import { t } from '../../lib/i18n';
import { newUuid } from '../../lib/uuid';
import { linkRelation } from './entry-draft';

/**
 * Makes the relations of the newly picked links (`POST /api/relations`, each with its own id so a retry
 * makes no second link). The entry is saved already: a failure here is a note, not an error of the form.
 */
export async function saveLinks(
  entry: EntryFeature,
  before: readonly EntryRef[],
  after: readonly EntryRef[],
  kind: EntryKind,
): Promise<string | null> {
  const added = after.filter((ref) => !before.some((b) => b.id === ref.id));
  let failed = 0;
  for (const ref of added) {
    const relation = linkRelation(kind, entry.id, ref);
    if (!relation) continue;
    try {
      await createRelation({ id: newUuid(), ...relation });
    } catch (error) {
      console.warn('a link could not be saved', error);
      failed += 1;
    }
  }
  return failed > 0 ? t('form.linksFailed', { count: failed }) : null;
}
