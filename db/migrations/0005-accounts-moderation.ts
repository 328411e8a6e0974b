import { type Kysely, sql } from 'kysely';

// Frozen in time: this file never imports application code.
// Accounts with a password (admins, facilitators), their sessions, one-time setup and invitation links,
// reports on entries, and server-wide secrets shared by every process.

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE contributors
      ADD COLUMN login text CHECK (char_length(login) BETWEEN 3 AND 80),
      ADD COLUMN email text CHECK (char_length(email) <= 254),
      ADD COLUMN password_hash text`.execute(db);
  await sql`CREATE UNIQUE INDEX contributors_login_idx ON contributors (lower(login)) WHERE login IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX contributors_created_idx ON contributors (created_at, id)`.execute(db);

  // Only a hash of the session secret is stored, like tokens.
  await sql`
    CREATE TABLE sessions (
      id_hash text PRIMARY KEY,
      contributor_id uuid NOT NULL REFERENCES contributors(id) ON DELETE CASCADE,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      user_agent text
    )`.execute(db);
  await sql`CREATE INDEX sessions_contributor_idx ON sessions (contributor_id)`.execute(db);
  await sql`CREATE INDEX sessions_expires_idx ON sessions (expires_at)`.execute(db);

  await sql`
    CREATE TABLE account_tokens (
      id uuid PRIMARY KEY,
      token_hash text NOT NULL UNIQUE,
      purpose text NOT NULL CHECK (purpose IN ('setup', 'invitation')),
      role text NOT NULL CHECK (role IN ('admin', 'facilitator')),
      display_name text,
      email text,
      created_by uuid REFERENCES contributors(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      used_at timestamptz,
      used_by uuid REFERENCES contributors(id)
    )`.execute(db);

  await sql`
    CREATE TABLE reports (
      id uuid PRIMARY KEY,
      entry_id uuid NOT NULL REFERENCES entries(id) ON DELETE CASCADE,
      reason text NOT NULL CHECK (reason IN ('closed', 'wrong', 'duplicate', 'off-charter')),
      comment text NOT NULL DEFAULT '' CHECK (char_length(comment) <= 2000),
      duplicate_of uuid REFERENCES entries(id) ON DELETE SET NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved', 'dismissed')),
      reporter_id uuid REFERENCES contributors(id),
      reporter_key text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      resolved_at timestamptz,
      resolved_by uuid REFERENCES contributors(id),
      resolution_note text
    )`.execute(db);
  await sql`CREATE INDEX reports_open_idx ON reports (created_at, id) WHERE status = 'open'`.execute(db);
  await sql`CREATE INDEX reports_entry_idx ON reports (entry_id, created_at)`.execute(db);
  // One open report per reporter, entry and reason: a repeated click does not flood the queue.
  await sql`CREATE UNIQUE INDEX reports_dedup_idx ON reports (entry_id, reason, reporter_key) WHERE status = 'open'`.execute(
    db,
  );

  await sql`
    CREATE TABLE app_secrets (
      name text PRIMARY KEY,
      value text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['app_secrets', 'reports', 'account_tokens', 'sessions']) {
    await sql`DROP TABLE IF EXISTS ${sql.table(table)} CASCADE`.execute(db);
  }
  await sql`DROP INDEX IF EXISTS contributors_created_idx`.execute(db);
  await sql`DROP INDEX IF EXISTS contributors_login_idx`.execute(db);
  await sql`ALTER TABLE contributors DROP COLUMN IF EXISTS login, DROP COLUMN IF EXISTS email,
    DROP COLUMN IF EXISTS password_hash`.execute(db);
}
