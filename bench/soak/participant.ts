import { randomUUID } from 'node:crypto';
import type { SoakStats } from './stats';

/** What the server acknowledged about one entry: its newest acknowledged version and the name it had then. */
export interface Acked {
  version: number;
  name: string;
  owner: string;
}

export interface SoakContext {
  url: () => string;
  stats: SoakStats;
  ledger: Map<string, Acked>;
  deadline: number;
  thinkMs: [number, number];
}

interface Answer {
  status: number | 'network';
  body: unknown;
  headers: Headers | null;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = ([min, max]: [number, number]) => min + Math.random() * (max - min);

/**
 * A participant on a phone: joins, then alternates reads of the map, new places and edits of its own places,
 * with a pause between actions. Creations are retried with the same id and body (idempotent) until the server
 * acknowledges them; an edit whose answer was lost is not retried (its outcome is unknown) but learnt from
 * the 412 of the next one.
 */
export class Participant {
  readonly #ctx: SoakContext;
  readonly #token: string;
  readonly #id: string;
  readonly #mine: string[] = [];

  constructor(ctx: SoakContext, token: string, id: string) {
    this.#ctx = ctx;
    this.#token = token;
    this.#id = id;
  }

  async run(): Promise<void> {
    await sleep(Math.random() * this.#ctx.thinkMs[1]);
    while (Date.now() < this.#ctx.deadline) {
      const roll = Math.random();
      if (roll < 0.35) await this.#create();
      else if (roll < 0.5 && this.#mine.length > 0) await this.#edit();
      else await this.#read();
      await sleep(between(this.#ctx.thinkMs));
    }
  }

  async #call(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<Answer> {
    const started = performance.now();
    try {
      const res = await fetch(`${this.#ctx.url()}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.#token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(20_000),
      });
      const text = await res.text();
      this.#ctx.stats.record(res.status, performance.now() - started);
      return { status: res.status, body: text ? safeJson(text) : null, headers: res.headers };
    } catch {
      this.#ctx.stats.record('network', performance.now() - started);
      return { status: 'network', body: null, headers: null };
    }
  }

  async #create(): Promise<void> {
    const id = randomUUID();
    const name = `Lieu ${id.slice(0, 8)} de ${this.#id.slice(0, 6)}`;
    const feature = {
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: [-4.5 + Math.random() * 12, 42.5 + Math.random() * 8.5] },
      properties: { kind: 'place', name, summary: 'Ajouté pendant le test d’endurance', tags: ['soak'] },
    };
    for (let attempt = 0; attempt < 40 && Date.now() < this.#ctx.deadline + 60_000; attempt++) {
      const answer = await this.#call('POST', '/api/entries', feature);
      if (answer.status === 201 || answer.status === 200) {
        const version = versionOf(answer.body) ?? 1;
        this.#ctx.ledger.set(id, { version, name, owner: this.#id });
        this.#mine.push(id);
        return;
      }
      if (answer.status !== 'network' && answer.status < 500 && answer.status !== 429) return;
      this.#ctx.stats.retries++;
      await sleep(retryDelay(answer, attempt));
    }
  }

  async #edit(): Promise<void> {
    const id = this.#mine[Math.floor(Math.random() * this.#mine.length)]!;
    const known = this.#ctx.ledger.get(id);
    if (!known) return;
    const name = `${known.name.split(' · ')[0]} · v${known.version + 1}`;
    const answer = await this.#call(
      'PATCH',
      `/api/entries/${id}`,
      { properties: { name } },
      { 'if-match': `"${known.version}"` },
    );
    if (answer.status === 200) {
      this.#ctx.ledger.set(id, { ...known, version: versionOf(answer.body) ?? known.version + 1, name });
    } else if (answer.status === 412) {
      // An earlier edit of ours committed but its answer was lost in a crash: learn the current version.
      this.#ctx.stats.conflicts++;
      const entry = (answer.body as { entry?: unknown } | null)?.entry;
      const current = versionOf(entry);
      const currentName = nameOf(entry);
      if (current && currentName) this.#ctx.ledger.set(id, { ...known, version: current, name: currentName });
    }
  }

  async #read(): Promise<void> {
    if (Math.random() < 0.5 && this.#mine.length > 0) {
      await this.#call('GET', `/api/entries/${this.#mine[Math.floor(Math.random() * this.#mine.length)]}`);
      return;
    }
    const w = -5 + Math.random() * 10;
    const s = 42 + Math.random() * 6;
    await this.#call('GET', `/api/entries?bbox=${w},${s},${w + 3},${s + 3}&limit=50`);
  }
}

function retryDelay(answer: Answer, attempt: number): number {
  const retryAfter = Number(answer.headers?.get('retry-after'));
  if (answer.status === 429 && retryAfter > 0) return retryAfter * 1000;
  return Math.min(3000, 250 * 2 ** Math.min(attempt, 4)) * (0.5 + Math.random());
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function versionOf(body: unknown): number | undefined {
  const version = (body as { properties?: { version?: unknown } } | null)?.properties?.version;
  return typeof version === 'number' ? version : undefined;
}

function nameOf(body: unknown): string | undefined {
  const name = (body as { properties?: { name?: unknown } } | null)?.properties?.name;
  return typeof name === 'string' ? name : undefined;
}
