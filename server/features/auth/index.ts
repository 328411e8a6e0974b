import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { LoginInput, SessionInfo } from '../../contract/account';
import { HttpProblem } from '../../lib/http-problem';
import { toAccount } from '../accounts/account.mapper';
import { findAccount, findAccountByLogin } from '../accounts/account.repository';
import { verifyPassword } from './passwords';
import { createSession, deleteSession } from './session.repository';
import { endBrowserSession, refreshBrowserSession, startBrowserSession } from './session-cookie';

/** Password login for admins and facilitators: a session cookie plus a CSRF token for their writes. */
export async function authRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/auth/login',
    {
      schema: {
        summary: 'Log in with a password; sets the session cookie',
        tags: ['accounts'],
        body: LoginInput,
        response: { 200: SessionInfo },
      },
    },
    async (request, reply) => {
      const row = await findAccountByLogin(app.db, request.body.login.trim());
      const usable = row && !row.revoked_at ? row.password_hash : null;
      const ok = await verifyPassword(request.body.password, usable);
      if (!row || !ok) {
        throw new HttpProblem(401, 'Wrong login or password.', { type: '/problems/bad-credentials' });
      }
      const session = await createSession(app.db, row.id, request.headers['user-agent']);
      const csrfToken = startBrowserSession(request, reply, session);
      return { account: toAccount(row), via: 'session' as const, csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: { summary: 'End the browser session', tags: ['accounts'], response: { 204: { type: 'null' } } },
    },
    async (request, reply) => {
      if (request.sessionKey) await deleteSession(app.db, request.sessionKey);
      endBrowserSession(request, reply);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/auth/session',
    {
      schema: {
        summary: 'Who am I: the account behind the cookie or token, and a fresh CSRF token',
        tags: ['accounts'],
        response: { 200: SessionInfo },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const actor = request.actor;
      if (!actor) return { account: null, via: null, csrfToken: null };
      const row = await findAccount(app.db, actor.id);
      const account = row
        ? toAccount(row)
        : {
            id: actor.id,
            displayName: actor.displayName,
            role: actor.role,
            login: null,
            email: null,
            workshopId: actor.workshopId,
            createdAt: new Date(0).toISOString(),
            lastSeenAt: null,
          };
      const csrfToken = request.sessionKey ? refreshBrowserSession(request, reply, request.sessionKey) : null;
      return { account, via: request.authMethod, csrfToken };
    },
  );
}
