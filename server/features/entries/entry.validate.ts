import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database';
import { checkValidity } from '../../../db/postgis';
import { HttpProblem, invalidField } from '../../lib/http-problem';
import type { EntryDraft } from './entry.draft';
import { themeIdsBySlug } from './entry.repository';
import { canonicalLicense, checkDraft } from './entry.rules';

/**
 * Checks a draft against the kind rules, the known themes and PostGIS's idea of a valid polygon, and
 * returns it with its licence spelled canonically and its theme ids. Throws a 400 pointing at the field.
 */
export async function validateDraft(
  db: Kysely<Database>,
  draft: EntryDraft,
): Promise<{ draft: EntryDraft; themeIds: number[] }> {
  const rules = checkDraft(draft);
  if (!rules.valid) throw invalidField(rules.path, rules.message);
  const themes = await themeIdsBySlug(db, draft.themes);
  const unknown = draft.themes.map((slug, i) => ({ slug, i })).filter(({ slug }) => !themes.has(slug));
  if (unknown.length > 0) {
    throw new HttpProblem(400, `Unknown theme: ${unknown.map((u) => u.slug).join(', ')}`, {
      type: '/problems/validation',
      title: 'Invalid request',
      errors: unknown.map((u) => ({
        path: `/properties/themes/${u.i}`,
        message: `unknown theme "${u.slug}"`,
      })),
    });
  }
  if (draft.area) {
    const validity = await checkValidity(db, draft.area);
    if (!validity.valid) throw invalidField('/properties/area', `invalid polygon: ${validity.reason}`);
  }
  const license = draft.license ? canonicalLicense(draft.license) : null;
  return { draft: { ...draft, license }, themeIds: draft.themes.map((slug) => themes.get(slug) as number) };
}
