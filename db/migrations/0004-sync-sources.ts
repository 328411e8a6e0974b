import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.

export async function up(db: Kysely<unknown>): Promise<void> {
  // A source fetched again on a schedule; its entries carry `source = name`.
  await sql`
    CREATE TABLE sync_sources (
      id uuid PRIMARY KEY,
      name text NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 100),
      url text NOT NULL CHECK (url ~ '^https?://'),
      format text NOT NULL DEFAULT 'auto',
      mapping jsonb NOT NULL DEFAULT '{}',
      interval_minutes integer NOT NULL DEFAULT 1440 CHECK (interval_minutes >= 0),
      enabled boolean NOT NULL DEFAULT true,
      next_run_at timestamptz,
      last_run_at timestamptz,
      last_status text CHECK (last_status IN ('running', 'done', 'failed')),
      last_error text,
      last_import_id uuid REFERENCES imports(id) ON DELETE SET NULL,
      created_by uuid REFERENCES contributors(id),
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX sync_sources_due_idx ON sync_sources (next_run_at) WHERE enabled`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS sync_sources`.execute(db);
}
