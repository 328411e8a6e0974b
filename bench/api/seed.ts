import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../db/connect';
import type { Database } from '../../db/database';
import { migrateToLatest } from '../../db/migrate';
import {
  CHILD_THEMES,
  cgetEntries,
  loadDepartements,
  PARENT_THEMES,
  random,
  type SeedEntry,
  syntheticEntries,
} from './synthetic';

const BATCH = 1_000;

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The number of entries of an existing bench database, or null when there is none. */
export async function existingCount(adminUrl: string, name: string): Promise<number | null> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!exists.rowCount) return null;
  } finally {
    await admin.end();
  }
  const client = new pg.Client({ connectionString: withDatabase(adminUrl, name) });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*) AS n FROM entries');
    return Number(rows[0]?.n ?? 0);
  } catch {
    return null;
  } finally {
    await client.end();
  }
}

/** Creates `name` afresh, migrates it and loads `total` entries (the real CGET places among them). */
export async function seedBenchDatabase(
  adminUrl: string,
  name: string,
  total: number,
): Promise<{ cget: number }> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();

  const handle = await openDatabase({ databaseUrl: withDatabase(adminUrl, name), poolSize: 4 });
  try {
    await migrateToLatest(handle.db);
    const themeIds = await insertThemes(handle.db);
    const rand = random(20_261_123);
    const cget = cgetEntries(rand);
    const entries = [...cget, ...syntheticEntries(total - cget.length, loadDepartements(), rand)];
    const ids = await insertEntries(handle.db, entries, themeIds);
    await insertMemberships(handle.db, entries, ids, rand);
    await sql`ANALYZE`.execute(handle.db);
    return { cget: cget.length };
  } finally {
    await handle.close();
  }
}

async function insertThemes(db: Kysely<Database>): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const parent of PARENT_THEMES) {
    const row = await db
      .insertInto('themes')
      .values({ slug: parent, label_fr: parent, label_en: parent })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(parent, row.id);
    for (const child of CHILD_THEMES[parent] ?? []) {
      const c = await db
        .insertInto('themes')
        .values({ slug: child, parent_id: row.id, label_fr: child, label_en: child })
        .returning('id')
        .executeTakeFirstOrThrow();
      ids.set(child, c.id);
    }
  }
  return ids;
}

async function insertEntries(db: Kysely<Database>, entries: SeedEntry[], themes: Map<string, number>) {
  const ids: string[] = [];
  for (let start = 0; start < entries.length; start += BATCH) {
    const batch = entries.slice(start, start + BATCH).map((e) => ({ id: randomUUID(), e }));
    await db
      .insertInto('entries')
      .values(
        batch.map(({ id, e }) => ({
          id,
          kind: e.kind,
          name: e.name,
          summary: e.summary,
          description: e.description,
          url: e.url,
          links: '[]',
          city: e.city,
          postcode: e.postcode,
          insee_code: e.inseeCode,
          country: 'France',
          geom:
            e.lng === null || e.lat === null
              ? null
              : sql<string>`ST_SetSRID(ST_MakePoint(${e.lng}, ${e.lat}), 4326)`,
          tags: e.tags,
          source: e.source,
        })),
      )
      .execute();
    await db
      .insertInto('entry_themes')
      .values(batch.map(({ id, e }) => ({ entry_id: id, theme_id: themes.get(e.theme)! })))
      .execute();
    ids.push(...batch.map((b) => b.id));
  }
  return ids;
}

/** Each place joins one network with a probability of 1/3, so networks have members and territories. */
async function insertMemberships(
  db: Kysely<Database>,
  entries: SeedEntry[],
  ids: string[],
  rand: () => number,
) {
  const networks = ids.filter((_, i) => entries[i]!.kind === 'network');
  if (networks.length === 0) return;
  const rows = ids
    .filter((_, i) => entries[i]!.kind === 'place' && rand() < 1 / 3)
    .map((from) => ({
      id: randomUUID(),
      type: 'member_of' as const,
      from_id: from,
      to_id: networks[Math.floor(rand() * networks.length)]!,
    }));
  for (let start = 0; start < rows.length; start += BATCH) {
    await db
      .insertInto('relations')
      .values(rows.slice(start, start + BATCH))
      .execute();
  }
}
