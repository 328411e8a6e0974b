import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';

/** A theme with the number of published entries in it or (for a parent) in any of its children. */
export interface ThemeRow {
  id: number;
  slug: string;
  parent_id: number | null;
  label_fr: string;
  label_en: string;
  color: string;
  icon: string | null;
  position: number;
  count: number;
}

export async function readThemes(db: Kysely<Database>): Promise<ThemeRow[]> {
  const { rows } = await sql<ThemeRow & { count: string }>`
    SELECT t.id, t.slug, t.parent_id, t.label_fr, t.label_en, t.color, t.icon, t.position,
      (SELECT count(DISTINCT et.entry_id) FROM entry_themes et
        JOIN themes x ON x.id = et.theme_id
        JOIN entries e ON e.id = et.entry_id
        WHERE (x.id = t.id OR x.parent_id = t.id) AND e.status = 'published' AND e.deleted_at IS NULL) AS count
    FROM themes t
    ORDER BY t.position, t.slug`.execute(db);
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

export async function findTheme(db: Kysely<Database>, slug: string) {
  return db.selectFrom('themes').selectAll().where('slug', '=', slug).executeTakeFirst();
}

export async function hasChildren(db: Kysely<Database>, id: number): Promise<boolean> {
  return (
    (await db.selectFrom('themes').select('id').where('parent_id', '=', id).executeTakeFirst()) !== undefined
  );
}

export async function entryCount(db: Kysely<Database>, id: number): Promise<number> {
  const row = await db
    .selectFrom('entry_themes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('theme_id', '=', id)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
