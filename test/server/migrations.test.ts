import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../db/migrate';
import { freshDatabase, type TestDatabase } from '../helpers/database';

describe('migrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(async () => {
    await database.close();
  });

  it('created every table of the data model with PostGIS geometry columns', async () => {
    const { rows } = await sql<{ table_name: string }>`
      SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`.execute(
      database.db,
    );
    const tables = rows.map((r) => r.table_name);
    for (const t of [
      'contributors',
      'entries',
      'entry_themes',
      'imports',
      'relations',
      'revisions',
      'themes',
      'workshops',
    ]) {
      expect(tables).toContain(t);
    }
    const geoms = await sql<{ f_table_name: string; f_geometry_column: string; type: string; srid: number }>`
      SELECT f_table_name, f_geometry_column, type, srid FROM geometry_columns ORDER BY 1, 2`.execute(
      database.db,
    );
    expect(geoms.rows).toContainEqual({
      f_table_name: 'entries',
      f_geometry_column: 'geom',
      type: 'POINT',
      srid: 4326,
    });
    expect(geoms.rows).toContainEqual({
      f_table_name: 'entries',
      f_geometry_column: 'area',
      type: 'MULTIPOLYGON',
      srid: 4326,
    });
  });

  it('is idempotent: a second run applies nothing', async () => {
    expect(await migrateToLatest(database.db)).toEqual([]);
  });

  it('indexes geometry with GiST', async () => {
    const { rows } = await sql<{ indexdef: string }>`
      SELECT indexdef FROM pg_indexes WHERE tablename = 'entries' AND indexname = 'entries_geom_idx'`.execute(
      database.db,
    );
    expect(rows[0]?.indexdef).toMatch(/USING gist/);
  });

  it('searches French text without accents or case', async () => {
    const id = '5e1d2f5a-8a7b-4c3d-9e0f-1a2b3c4d5e6f';
    await database.db
      .insertInto('entries')
      .values({
        id,
        kind: 'place',
        name: 'Fabrique Numérique de Brest',
        summary: 'Un atelier où l’on répare et fabrique ensemble',
        links: '[]',
        contact: undefined,
        geom: sql<string>`ST_SetSRID(ST_MakePoint(-4.48, 48.39), 4326)`,
      })
      .execute();
    for (const query of ['numerique', 'NUMÉRIQUES', 'réparer', 'fabriques brest']) {
      const { rows } = await sql<{ id: string }>`
        SELECT id FROM entries WHERE search @@ websearch_to_tsquery('atlas_fr', ${query})`.execute(
        database.db,
      );
      expect(
        rows.map((r) => r.id),
        query,
      ).toEqual([id]);
    }
  });

  it('refuses a place without a location at the database level', async () => {
    await expect(
      database.db
        .insertInto('entries')
        .values({ id: '6e1d2f5a-8a7b-4c3d-9e0f-1a2b3c4d5e6f', kind: 'place', name: 'Nowhere', links: '[]' })
        .execute(),
    ).rejects.toThrow(/check constraint/);
  });
});
