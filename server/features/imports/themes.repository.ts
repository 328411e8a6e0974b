import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';
import { isRecord } from './formats/format';

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;

export async function themeSlugs(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('themes').select('slug').execute();
  return rows.map((r) => r.slug);
}

/**
 * Creates the themes an atlas export describes and this atlas lacks (parents first), so an export imported
 * into an empty atlas keeps its themes. Existing themes are never changed. Returns how many were created.
 */
export async function createMissingThemes(db: Kysely<Database>, definitions: unknown[]): Promise<number> {
  const valid = definitions.filter(isRecord).flatMap((d) => {
    const labels = isRecord(d.labels) ? d.labels : {};
    if (typeof d.slug !== 'string' || !SLUG.test(d.slug) || d.slug.length > 60) return [];
    const fr = typeof labels.fr === 'string' && labels.fr.trim() ? labels.fr.slice(0, 100) : d.slug;
    const en = typeof labels.en === 'string' && labels.en.trim() ? labels.en.slice(0, 100) : fr;
    return [
      {
        slug: d.slug,
        parent: typeof d.parent === 'string' ? d.parent : null,
        fr,
        en,
        color: typeof d.color === 'string' && COLOR.test(d.color) ? d.color : '#666666',
        icon: typeof d.icon === 'string' ? d.icon.slice(0, 40) : null,
      },
    ];
  });
  if (valid.length === 0) return 0;
  let created = 0;
  for (const pass of [valid.filter((d) => !d.parent), valid.filter((d) => d.parent)]) {
    if (pass.length === 0) continue;
    const { rows } = await sql<{ id: number }>`
      INSERT INTO themes (slug, parent_id, label_fr, label_en, color, icon)
      SELECT d.slug, (SELECT id FROM themes p WHERE p.slug = d.parent), d.fr, d.en, d.color, d.icon
      FROM jsonb_to_recordset(${JSON.stringify(pass)}::jsonb)
        AS d(slug text, parent text, fr text, en text, color text, icon text)
      ON CONFLICT (slug) DO NOTHING
      RETURNING id`.execute(db);
    created += rows.length;
  }
  return created;
}
