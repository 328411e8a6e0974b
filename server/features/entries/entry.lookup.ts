import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';
import type { FieldError } from '../../contract/problem';
import { themeIdsBySlug } from './entry.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The id of the workshop named by its code (any case) or its id; null when there is none. */
export async function findWorkshopId(db: Kysely<Database>, codeOrId: string): Promise<string | null> {
  const query = db.selectFrom('workshops').select('id');
  const row = await (UUID.test(codeOrId)
    ? query.where('id', '=', codeOrId)
    : query.where(sql<string>`upper(code)`, '=', codeOrId.toUpperCase())
  ).executeTakeFirst();
  return row?.id ?? null;
}

/** Errors for the theme slugs of a filter that name no theme. */
export async function unknownThemeErrors(
  db: Kysely<Database>,
  slugs: readonly string[],
): Promise<FieldError[]> {
  const known = await themeIdsBySlug(db, slugs);
  return slugs
    .map((slug, i) => ({ slug, i }))
    .filter(({ slug }) => !known.has(slug))
    .map(({ slug, i }) => ({ path: `/querystring/theme/${i}`, message: `unknown theme "${slug}"` }));
}
