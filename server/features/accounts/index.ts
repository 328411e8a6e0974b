import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  Account,
  AccountCreation,
  Invitation,
  InvitationInput,
  PasswordChange,
  SessionInfo,
} from '../../contract/account';
import { HttpProblem } from '../../lib/http-problem';
import { requireActor, requireRole } from '../auth/actor';
import { hashPassword, verifyPassword } from '../auth/passwords';
import { createSession, deleteSessionsOf } from '../auth/session.repository';
import { startBrowserSession } from '../auth/session-cookie';
import { toAccount } from './account.mapper';
import {
  closeSetupTokens,
  createInvitation,
  deleteInvitation,
  findAccount,
  hasAdminAccount,
  insertAccount,
  isUniqueViolation,
  listAccounts,
  listPendingInvitations,
  markTokenUsed,
  setPassword,
  takeAccountToken,
} from './account.repository';
import { announceSetup } from './setup-link';
import { tokenRoutes } from './token-routes';

const ADMINS = ['admin'] as const;

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Accounts: the first admin's setup, invitations for facilitators, the list of accounts and tokens. */
export async function accountRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  await announceSetup(fastify);
  await app.register(tokenRoutes);

  app.post(
    '/api/accounts/setup',
    {
      schema: {
        summary: 'Create the first admin with the one-time link printed in the log at first start',
        tags: ['accounts'],
        body: AccountCreation,
        response: { 201: SessionInfo },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const passwordHash = await hashPassword(body.password);
      const row = await createAccountWith(app, request, 'setup', async (trx) => {
        const token = await takeAccountToken(trx, body.token, 'setup');
        if (!token) return null;
        if (await hasAdminAccount(trx))
          throw new HttpProblem(409, 'An admin account exists already: log in instead.');
        const account = await insertAccount(trx, {
          role: 'admin',
          displayName: body.displayName.trim(),
          login: body.login,
          email: body.email ?? null,
          passwordHash,
        });
        await closeSetupTokens(trx, account.id);
        return account;
      });
      request.log.info({ account: row.id }, 'first admin account created');
      const csrfToken = startBrowserSession(
        request,
        reply,
        await createSession(app.db, row.id, request.headers['user-agent']),
      );
      return reply.code(201).send({ account: toAccount(row), via: 'session' as const, csrfToken });
    },
  );

  app.post(
    '/api/accounts/invitations',
    {
      config: { roles: ADMINS },
      schema: {
        summary: 'Invite a facilitator (or an admin): a one-time link to set a password',
        tags: ['accounts'],
        body: InvitationInput,
        response: { 201: Invitation },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, ['admin']);
      const body = request.body;
      const { token, row } = await createInvitation(app.db, {
        role: body.role ?? 'facilitator',
        displayName: body.displayName?.trim() ?? null,
        email: body.email ?? null,
        ttlMs: (body.expiresInDays ?? 7) * 24 * 3600 * 1000,
        createdBy: actor.id,
      });
      const base = app.config.publicUrl ?? `${request.protocol}://${request.host}`;
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ ...toInvitation(row), token, url: `${base}/invitation#token=${token}` });
    },
  );

  app.get(
    '/api/accounts/invitations',
    {
      config: { roles: ADMINS },
      schema: {
        summary: 'Pending invitations (admins)',
        tags: ['accounts'],
        response: { 200: Type.Object({ invitations: Type.Array(Invitation) }) },
      },
    },
    async (request) => {
      requireRole(request, ['admin']);
      return { invitations: (await listPendingInvitations(app.db)).map(toInvitation) };
    },
  );

  app.delete(
    '/api/accounts/invitations/:id',
    {
      config: { roles: ADMINS },
      schema: { summary: 'Withdraw a pending invitation (admins)', tags: ['accounts'], params: IdParams },
    },
    async (request, reply) => {
      requireRole(request, ['admin']);
      if (!(await deleteInvitation(app.db, request.params.id))) {
        throw new HttpProblem(404, 'No pending invitation has this id.');
      }
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/accounts/invitations/accept',
    {
      schema: {
        summary: 'Accept an invitation: choose a login and a password',
        tags: ['accounts'],
        body: AccountCreation,
        response: { 201: SessionInfo },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const passwordHash = await hashPassword(body.password);
      const row = await createAccountWith(app, request, 'invitation', async (trx) => {
        const invitation = await takeAccountToken(trx, body.token, 'invitation');
        if (!invitation) return null;
        const account = await insertAccount(trx, {
          role: invitation.role,
          displayName: body.displayName.trim(),
          login: body.login,
          email: body.email ?? invitation.email,
          passwordHash,
        });
        await markTokenUsed(trx, invitation.id, account.id);
        return account;
      });
      const csrfToken = startBrowserSession(
        request,
        reply,
        await createSession(app.db, row.id, request.headers['user-agent']),
      );
      return reply.code(201).send({ account: toAccount(row), via: 'session' as const, csrfToken });
    },
  );

  app.get(
    '/api/accounts',
    {
      config: { roles: ADMINS },
      schema: {
        summary: 'Accounts that log in with a password (admins)',
        tags: ['accounts'],
        response: { 200: Type.Object({ accounts: Type.Array(Account) }) },
      },
    },
    async (request) => {
      requireRole(request, ['admin']);
      return { accounts: (await listAccounts(app.db)).map(toAccount) };
    },
  );

  app.post(
    '/api/accounts/me/password',
    {
      schema: {
        summary: 'Change my password; every other session ends',
        tags: ['accounts'],
        body: PasswordChange,
        response: { 200: SessionInfo },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const row = await findAccount(app.db, actor.id);
      if (!row?.password_hash) throw new HttpProblem(409, 'This account has no password: it uses a token.');
      if (!(await verifyPassword(request.body.currentPassword, row.password_hash))) {
        throw new HttpProblem(403, 'The current password is wrong.', { type: '/problems/bad-credentials' });
      }
      await setPassword(app.db, actor.id, await hashPassword(request.body.newPassword));
      await deleteSessionsOf(app.db, actor.id);
      const session = await createSession(app.db, actor.id, request.headers['user-agent']);
      const csrfToken = startBrowserSession(request, reply, session);
      return { account: toAccount(row), via: 'session' as const, csrfToken };
    },
  );
}

type AccountRowOf = NonNullable<Awaited<ReturnType<typeof insertAccount>>>;

// One transaction: the token is locked, checked, consumed and the account created together, so a link
// used twice at once makes one account. A taken login is a 409, an unusable link a 410.
async function createAccountWith(
  app: FastifyInstance,
  request: FastifyRequest,
  purpose: 'setup' | 'invitation',
  create: (trx: FastifyInstance['db']) => Promise<AccountRowOf | null>,
): Promise<AccountRowOf> {
  let row: AccountRowOf | null;
  try {
    row = await app.db.transaction().execute(create);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new HttpProblem(409, 'This login is taken: choose another one.', {
        type: '/problems/login-taken',
        errors: [{ path: '/login', message: 'is taken' }],
      });
    }
    throw error;
  }
  if (!row) {
    request.log.warn({ purpose }, 'unusable one-time account link');
    throw new HttpProblem(410, `This ${purpose} link is unknown, used or expired: ask for a new one.`, {
      type: '/problems/link-expired',
    });
  }
  return row;
}

function toInvitation(row: {
  id: string;
  role: string;
  display_name: string | null;
  email: string | null;
  created_at: Date | string;
  expires_at: Date | string;
}) {
  return {
    id: row.id,
    role: row.role,
    displayName: row.display_name,
    email: row.email,
    createdAt: new Date(row.created_at).toISOString(),
    expiresAt: new Date(row.expires_at).toISOString(),
  };
}
