import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { RateLimits } from '../config';
import { HttpProblem } from '../lib/http-problem';

// Abuse limits, counted in this process's memory (@fastify/rate-limit's LRU store): with N server processes
// behind a load balancer a client may get up to N times the limit, which is acceptable for abuse control
// and needs no shared store. Every limit is per minute; 0 disables it.

/** What a request costs, by route: imports and logins have budgets of their own. */
export type LimitClass = 'read' | 'write' | 'import' | 'login' | 'report';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const LOGIN_ROUTES = new Set(['/api/auth/login', '/api/accounts/setup', '/api/accounts/invitations/accept']);

export function classifyRequest(method: string, routeUrl: string | undefined): LimitClass {
  if (SAFE_METHODS.has(method)) return 'read';
  const url = routeUrl ?? '';
  if (LOGIN_ROUTES.has(url)) return 'login';
  if (url === '/api/entries/:id/reports') return 'report';
  if (url === '/api/imports' || url.startsWith('/api/imports/') || url.startsWith('/api/sync'))
    return 'import';
  return 'write';
}

/** `POST /api/imports?dryRun=true`: a dry run whatever the body says (see readImportInput). */
export function isImportPreview(request: FastifyRequest): boolean {
  const dryRun = (request.query as Record<string, unknown> | undefined)?.dryRun;
  return (
    request.method === 'POST' &&
    request.routeOptions.url === '/api/imports' &&
    (dryRun === 'true' || dryRun === '1')
  );
}

/** Counts open live-feed connections per address; the live hub asks it before accepting one. */
export class LiveSlots {
  readonly #open = new Map<string, number>();
  constructor(readonly maxPerAddress: number) {}

  /** A release function, or null when this address already holds the maximum. */
  acquire(address: string): (() => void) | null {
    const open = this.#open.get(address) ?? 0;
    if (this.maxPerAddress > 0 && open >= this.maxPerAddress) return null;
    this.#open.set(address, open + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.#open.get(address) ?? 1) - 1;
      if (left <= 0) this.#open.delete(address);
      else this.#open.set(address, left);
    };
  }

  count(address: string): number {
    return this.#open.get(address) ?? 0;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    liveSlots: LiveSlots;
  }
}

/**
 * Takes a live-feed slot for the request's address, or throws a 429 problem. Call it before answering
 * `GET /api/live`, and call the returned function once the connection closes.
 */
export function acquireLiveSlot(request: FastifyRequest): () => void {
  const release = request.server.liveSlots.acquire(request.ip);
  if (!release) {
    throw new HttpProblem(
      429,
      `Too many live connections from this address (at most ${request.server.liveSlots.maxPerAddress}).`,
      { headers: { 'retry-after': '30' } },
    );
  }
  return release;
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/**
 * Per-address limits before authentication (so a flood of bogus tokens never reaches the database), then
 * per-token limits on writes once the actor is known. A workshop shares one address behind its wifi, so
 * the per-address write budget is large and the per-token one is the real limit for participants.
 */
export const rateLimitPlugin = fp(async (app: FastifyInstance, opts: { limits: RateLimits }) => {
  const limits = opts.limits;
  app.decorate('liveSlots', new LiveSlots(limits.liveConnectionsPerAddress));
  await app.register(rateLimit, { global: false, cache: 20_000 });

  const make = (max: number, prefix: string, key: (r: FastifyRequest) => string): Limiter | null =>
    max > 0
      ? app.createRateLimit({ max, timeWindow: 60_000, keyGenerator: (r) => `${prefix}:${key(r)}` })
      : null;
  const byAddress = (r: FastifyRequest) => r.ip;
  const byActor = (r: FastifyRequest) => r.actor?.id ?? `ip:${r.ip}`;

  const writesPerAddress = make(limits.writesPerAddress, 'write', byAddress);
  const perAddress: Record<LimitClass, Limiter | null> = {
    read: make(limits.readsPerAddress, 'read', byAddress),
    write: writesPerAddress,
    import: writesPerAddress,
    login: make(limits.loginsPerAddress, 'login', byAddress),
    report: make(limits.reportsPerAddress, 'report', byAddress),
  };
  const writesPerToken = make(limits.writesPerToken, 'token', byActor);
  const importsPerToken = make(limits.importsPerToken, 'import', byActor);
  const previewsPerToken = make(limits.importPreviewsPerToken, 'preview', byActor);

  app.addHook('onRequest', async (request, reply) => {
    if (!request.routeOptions.url) return;
    const kind = classifyRequest(request.method, request.routeOptions.url);
    await check(perAddress[kind], request, reply, 'from this address');
  });

  // preParsing runs after every onRequest hook, so the actor is resolved, and before the body is read.
  app.addHook('preParsing', async (request, reply) => {
    if (!request.actor || !request.routeOptions.url) return;
    const kind = classifyRequest(request.method, request.routeOptions.url);
    if (kind === 'read' || kind === 'login') return;
    // A preview writes no entry (the import route holds it to a dry run): it has a budget of its own.
    if (kind === 'import' && isImportPreview(request)) {
      await check(previewsPerToken, request, reply, 'import previews with this token');
      return;
    }
    await check(writesPerToken, request, reply, 'with this token');
    if (kind === 'import') await check(importsPerToken, request, reply, 'imports with this token');
  });
});

async function check(
  limiter: Limiter | null,
  request: FastifyRequest,
  reply: FastifyReply,
  scope: string,
): Promise<void> {
  if (!limiter) return;
  const result = await limiter(request);
  if (result.isAllowed || !result.isExceeded) return;
  const retryAfter = Math.max(1, result.ttlInSeconds);
  reply.header('x-ratelimit-limit', result.max);
  throw new HttpProblem(
    429,
    `Too many requests ${scope}: at most ${result.max} a minute. Retry in ${retryAfter} s.`,
    {
      type: '/problems/rate-limited',
      headers: { 'retry-after': String(retryAfter) },
      extra: { retryAfter },
    },
  );
}
