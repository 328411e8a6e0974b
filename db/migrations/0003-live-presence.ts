import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

// Who is connected to a workshop's live feed right now. One row per open SSE connection, owned by the
// server process that holds it; the process refreshes `seen_at` periodically, so rows of a process that
// died without cleaning up stop counting once they are older than the presence TTL.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE live_presence (
      connection_id uuid PRIMARY KEY,
      process_id uuid NOT NULL,
      workshop_id uuid NOT NULL REFERENCES workshops(id) ON DELETE CASCADE,
      contributor_id uuid NOT NULL REFERENCES contributors(id) ON DELETE CASCADE,
      connected_at timestamptz NOT NULL DEFAULT now(),
      seen_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX live_presence_workshop_idx ON live_presence (workshop_id, seen_at)`.execute(db);
  await sql`CREATE INDEX live_presence_process_idx ON live_presence (process_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS live_presence`.execute(db);
}
