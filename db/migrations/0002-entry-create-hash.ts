import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.
// `create_hash` makes POST /api/entries idempotent: a retry of the same body with the same client-chosen
// id answers the existing entry, a different body under that id is a conflict. The (created_at, id) index
// serves the default keyset order of entry lists.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE entries ADD COLUMN create_hash text`.execute(db);
  await sql`CREATE INDEX entries_created_idx ON entries (created_at, id) WHERE deleted_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX relations_from_idx ON relations (from_id, type)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS relations_from_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS entries_created_idx`.execute(db);
  await sql`ALTER TABLE entries DROP COLUMN IF EXISTS create_hash`.execute(db);
}
