import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';

/**
 * Public list answers, kept as their JSON text while the data they come from stays the same. The data's
 * stamp is the newest revision id (every entry and relation write appends one, in any process) and a hash
 * of the themes (their slugs and tree); a request checks it with one small query, so a cached answer is
 * never stale, whichever process wrote. Identical requests arriving together share one computation.
 */
export class ListCache {
  readonly #answers = new Map<string, { stamp: string; body: string }>();
  readonly #pending = new Map<string, Promise<string>>();
  #bytes = 0;

  constructor(readonly maxBytes: number) {}

  async get(key: string, stamp: string, compute: () => Promise<string>): Promise<string> {
    const hit = this.#answers.get(key);
    if (hit?.stamp === stamp) {
      // Move to the back: the map's order is the eviction order.
      this.#answers.delete(key);
      this.#answers.set(key, hit);
      return hit.body;
    }
    const flightKey = `${stamp}\n${key}`;
    const pending = this.#pending.get(flightKey);
    if (pending) return pending;
    const promise = compute().finally(() => this.#pending.delete(flightKey));
    this.#pending.set(flightKey, promise);
    const body = await promise;
    this.#store(key, stamp, body);
    return body;
  }

  #store(key: string, stamp: string, body: string) {
    const old = this.#answers.get(key);
    if (old) {
      this.#bytes -= old.body.length;
      this.#answers.delete(key);
    }
    if (body.length > this.maxBytes / 8) return;
    this.#answers.set(key, { stamp, body });
    this.#bytes += body.length;
    for (const [k, v] of this.#answers) {
      if (this.#bytes <= this.maxBytes) break;
      this.#answers.delete(k);
      this.#bytes -= v.body.length;
    }
  }
}

/** The stamp of the data public lists come from: the newest revision id and a hash of the themes. */
export async function dataStamp(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ stamp: string }>`
    SELECT (SELECT coalesce(max(id), 0) FROM revisions)::text || '.' ||
      (SELECT coalesce(sum(hashtext(slug || '/' || coalesce(parent_id::text, ''))), 0) FROM themes)::text AS stamp`.execute(
    db,
  );
  return rows[0]?.stamp ?? '0.0';
}
