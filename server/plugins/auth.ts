import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'kysely';
import type { Role } from '../../db/database';
import { type Actor, ENV_ADMIN_ID, requireRole } from '../features/auth/actor';
import { serverSecret } from '../features/auth/secret.repository';
import { resolveSession, SESSION_COOKIE } from '../features/auth/session.repository';
import { hashToken, sameSecret } from '../features/auth/tokens';
import { HttpProblem } from '../lib/http-problem';

/** How the request proved who it is: a bearer token, the env admin token, or a session cookie. */
export type AuthMethod = 'token' | 'env' | 'session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    authMethod: AuthMethod | null;
    /** The hash of the session secret, when authenticated by cookie: CSRF tokens are bound to it. */
    sessionKey: string | null;
  }
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Lets a write route answer anonymous requests (workshop join, login, reports). */
    anonymous?: boolean;
    /** The roles allowed on this route, checked before the body is read or validated (401, then 403). */
    roles?: readonly Role[];
  }
}

/** The name of the cookie that holds the CSRF secret; the token itself travels in `X-CSRF-Token`. */
export const CSRF_COOKIE = 'atlas_csrf';
export const CSRF_HEADER = 'x-csrf-token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Writes anyone may send without a token; any other write under /api/ needs one (default deny). */
export const ANONYMOUS_WRITES: ReadonlySet<string> = new Set([
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/accounts/setup',
  'POST /api/accounts/invitations/accept',
  'POST /api/entries/:id/reports',
  'POST /api/workshops/:code/join',
]);
// last_seen_at is written at most once a minute per contributor and process.
const SEEN_EVERY_MS = 60_000;

/**
 * Resolves who sends a request: `Authorization: Bearer <token>` (the env admin token or a contributor's
 * token), else the session cookie of a logged-in account. Cookie-authenticated writes must carry a CSRF
 * token; bearer requests need none, since browsers never attach that header on their own.
 */
export const authPlugin = fp(async (app: FastifyInstance) => {
  const adminToken = app.config.adminToken;
  if (adminToken) {
    await app.db
      .insertInto('contributors')
      .values({ id: ENV_ADMIN_ID, display_name: 'admin', role: 'admin' })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
  }

  await app.register(cookie);
  await app.register(csrf, {
    cookieKey: CSRF_COOKIE,
    cookieOpts: { path: '/', sameSite: 'lax', httpOnly: true, secure: 'auto' },
    getToken: (request) => request.headers[CSRF_HEADER] as string | undefined,
    getUserInfo: (request) => (request as FastifyRequest).sessionKey ?? '',
    csrfOpts: { hmacKey: await serverSecret(app.db, 'csrf_hmac_key') },
  });

  const seen = new Map<string, number>();
  const markSeen = (id: string) => {
    const now = Date.now();
    if (now - (seen.get(id) ?? 0) < SEEN_EVERY_MS) return;
    seen.set(id, now);
    if (seen.size > 50_000) seen.clear();
    // Not awaited: a write per minute must never slow a request down, nor fail it.
    app.db
      .updateTable('contributors')
      .set({ last_seen_at: sql`now()` })
      .where('id', '=', id)
      .execute()
      .catch(() => {});
  };

  app.decorateRequest('actor', null);
  app.decorateRequest('authMethod', null);
  app.decorateRequest('sessionKey', null);
  app.addHook('onRequest', async (request) => {
    const header = request.headers.authorization;
    if (!header) {
      const secret = request.cookies[SESSION_COOKIE];
      if (!secret) return;
      // An unknown or expired session is just anonymous: reads stay public, writes then ask for a login.
      const session = await resolveSession(app.db, secret);
      if (!session) return;
      request.actor = session.actor;
      request.authMethod = 'session';
      request.sessionKey = session.key;
      return;
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match?.[1]) throw new HttpProblem(401, 'Malformed Authorization header: expected "Bearer <token>".');
    const token = match[1];
    if (adminToken && sameSecret(token, adminToken)) {
      request.actor = { id: ENV_ADMIN_ID, displayName: 'admin', role: 'admin', workshopId: null };
      request.authMethod = 'env';
      return;
    }
    // The participant's workshop comes along: a write needs its rules, and this saves it a query.
    const row = await app.db
      .selectFrom('contributors as c')
      .leftJoin('workshops as w', 'w.id', 'c.workshop_id')
      .select([
        'c.id',
        'c.display_name',
        'c.role',
        'c.workshop_id',
        'c.revoked_at',
        'w.code as workshop_code',
        'w.policy as workshop_policy',
        'w.status as workshop_status',
      ])
      .where('c.token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!row || row.revoked_at) {
      throw new HttpProblem(401, 'This token is unknown or was revoked.', {
        headers: { 'www-authenticate': 'Bearer realm="atlas", error="invalid_token"' },
      });
    }
    request.actor = {
      id: row.id,
      displayName: row.display_name,
      role: row.role,
      workshopId: row.workshop_id,
      ...(row.workshop_id && row.workshop_code && row.workshop_policy && row.workshop_status
        ? {
            workshop: {
              id: row.workshop_id,
              code: row.workshop_code,
              policy: row.workshop_policy,
              status: row.workshop_status,
            },
          }
        : {}),
    };
    request.authMethod = 'token';
    markSeen(row.id);
  });

  // Declared roles are checked before validation, so a forbidden request learns nothing of the schema.
  app.addHook('onRequest', async (request) => {
    const roles = request.routeOptions.config.roles;
    if (roles) requireRole(request, roles);
  });

  // A cookie rides along with any cross-site form or fetch: a cookie-authenticated write proves it comes
  // from our own pages with the CSRF token they were given.
  app.addHook('onRequest', (request, reply, done) => {
    if (request.authMethod !== 'session' || SAFE_METHODS.has(request.method)) return done();
    app.csrfProtection(request, reply, done);
  });

  app.addHook('onRequest', async (request) => {
    if (request.actor || SAFE_METHODS.has(request.method)) return;
    const route = request.routeOptions.url;
    if (!route?.startsWith('/api/')) return;
    if (request.routeOptions.config.anonymous || ANONYMOUS_WRITES.has(`${request.method} ${route}`)) return;
    throw new HttpProblem(401, 'This action needs a token: send Authorization: Bearer <token>.', {
      headers: { 'www-authenticate': 'Bearer realm="atlas"' },
    });
  });
});
