import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database';
import type { ThemeInput, ThemePatch } from '../../contract/theme';
import { HttpProblem, invalidField } from '../../lib/http-problem';
import { entryCount, findTheme, hasChildren } from './theme.repository';

// Themes form a tree of two levels: a parent must be a top-level theme, and a theme with children stays
// at the top. Only admins write them (checked by the routes).

export function themeNotFound(slug: string): HttpProblem {
  return new HttpProblem(404, `No theme has the slug "${slug}".`, { type: '/problems/theme-not-found' });
}

async function parentId(db: Kysely<Database>, parent: string | null | undefined, self?: number) {
  if (!parent) return null;
  const row = await findTheme(db, parent);
  if (!row) throw invalidField('/parent', `no theme has the slug "${parent}"`);
  if (row.parent_id !== null)
    throw invalidField('/parent', 'themes have two levels: the parent must be a top-level theme');
  if (row.id === self) throw invalidField('/parent', 'a theme cannot be its own parent');
  return row.id;
}

export async function createTheme(db: Kysely<Database>, input: ThemeInput): Promise<void> {
  if (await findTheme(db, input.slug)) {
    throw new HttpProblem(409, `A theme has the slug "${input.slug}" already.`, {
      type: '/problems/duplicate-theme',
    });
  }
  await db
    .insertInto('themes')
    .values({
      slug: input.slug,
      parent_id: await parentId(db, input.parent),
      label_fr: input.labels.fr,
      label_en: input.labels.en,
      ...(input.color ? { color: input.color } : {}),
      icon: input.icon ?? null,
    })
    .execute();
}

export async function updateTheme(db: Kysely<Database>, slug: string, patch: ThemePatch): Promise<string> {
  const theme = await findTheme(db, slug);
  if (!theme) throw themeNotFound(slug);
  if (patch.slug && patch.slug !== slug && (await findTheme(db, patch.slug))) {
    throw new HttpProblem(409, `A theme has the slug "${patch.slug}" already.`, {
      type: '/problems/duplicate-theme',
    });
  }
  let parent: number | null | undefined;
  if (patch.parent !== undefined) {
    parent = await parentId(db, patch.parent, theme.id);
    if (parent !== null && (await hasChildren(db, theme.id))) {
      throw invalidField('/parent', 'a theme with children stays at the top level');
    }
  }
  await db
    .updateTable('themes')
    .set({
      ...(patch.slug ? { slug: patch.slug } : {}),
      ...(parent !== undefined ? { parent_id: parent } : {}),
      ...(patch.labels ? { label_fr: patch.labels.fr, label_en: patch.labels.en } : {}),
      ...(patch.color ? { color: patch.color } : {}),
      ...(patch.icon !== undefined ? { icon: patch.icon } : {}),
    })
    .where('id', '=', theme.id)
    .execute();
  return patch.slug ?? slug;
}

/** Deletes a theme nobody uses: entries keep their history, so a used theme is a 409. */
export async function deleteTheme(db: Kysely<Database>, slug: string): Promise<void> {
  const theme = await findTheme(db, slug);
  if (!theme) throw themeNotFound(slug);
  if (await hasChildren(db, theme.id)) {
    throw new HttpProblem(409, 'This theme has children: move or delete them first.', {
      type: '/problems/theme-in-use',
    });
  }
  const used = await entryCount(db, theme.id);
  if (used > 0) {
    throw new HttpProblem(409, `${used} entries use this theme: take it off them first.`, {
      type: '/problems/theme-in-use',
    });
  }
  await db.deleteFrom('themes').where('id', '=', theme.id).execute();
}
