import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { readConfig } from '../../server/config';
import { createSetupToken } from '../../server/features/accounts/account.repository';
import { hashToken } from '../../server/features/auth/tokens';
import { adminAuth, buildTestApp, type TestApp } from '../helpers/app';
import { freshDatabase } from '../helpers/database';
import { cookieOf, makeContributor, makeWorkshop } from './security.fixtures';

const PASSWORD = 'correct horse battery';

describe('accounts: first admin, invitations, sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    // No ATLAS_ADMIN_TOKEN: the first admin comes from the setup link. Logins are many here, so their
    // per-address limit is lifted (the security suite tests it).
    const defaults = readConfig({}).rateLimits;
    t = await buildTestApp({ adminToken: undefined, rateLimits: { ...defaults, loginsPerAddress: 0 } });
  });
  afterAll(() => t.close());

  let adminCookies: Record<string, string> = {};
  let adminCsrf = '';

  it('creates the first admin with the one-time setup token, then refuses the link again', async () => {
    const token = await createSetupToken(t.app.db);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/accounts/setup',
      payload: { token, displayName: 'Camille', login: 'camille', password: PASSWORD },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.account).toMatchObject({ role: 'admin', login: 'camille', displayName: 'Camille' });
    expect(body.csrfToken).toEqual(expect.any(String));
    const setCookie = [res.headers['set-cookie']].flat().join('\n');
    expect(setCookie).toMatch(/atlas_session=[^;]+;.*HttpOnly/i);
    expect(setCookie).toMatch(/atlas_session=[^;]+;.*SameSite=Lax/i);
    expect(setCookie).not.toMatch(/atlas_session=[^;]+;[^\n]*Secure/i);
    adminCookies = {
      atlas_session: cookieOf(res, 'atlas_session')!,
      atlas_csrf: cookieOf(res, 'atlas_csrf')!,
    };
    adminCsrf = body.csrfToken;

    const again = await t.app.inject({
      method: 'POST',
      url: '/api/accounts/setup',
      payload: { token, displayName: 'Eve', login: 'eve', password: PASSWORD },
    });
    expect(again.statusCode).toBe(410);
    expect(again.headers['content-type']).toMatch(/problem\+json/);
  });

  it('stores only a salted scrypt hash of the password', async () => {
    const row = await t.app.db
      .selectFrom('contributors')
      .select('password_hash')
      .where('login', '=', 'camille')
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(row.password_hash).not.toContain(PASSWORD);
  });

  it('marks the session cookie Secure when the request came over HTTPS through a trusted proxy', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { login: 'camille', password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    expect([res.headers['set-cookie']].flat().join('\n')).toMatch(/atlas_session=[^;]+;[^\n]*Secure/i);
  });

  it('refuses a wrong password and an unknown login alike', async () => {
    for (const payload of [
      { login: 'camille', password: 'wrong password!' },
      { login: 'nobody', password: PASSWORD },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ type: '/problems/bad-credentials' });
    }
  });

  it('tells who is logged in by cookie', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/auth/session', cookies: adminCookies });
    expect(res.json()).toMatchObject({ account: { login: 'camille', role: 'admin' }, via: 'session' });
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/auth/session' });
    expect(anonymous.json()).toEqual({ account: null, via: null, csrfToken: null });
  });

  it('requires the CSRF token on cookie-authenticated writes', async () => {
    const payload = { displayName: 'Dominique' };
    const without = await t.app.inject({
      method: 'POST',
      url: '/api/accounts/invitations',
      cookies: adminCookies,
      payload,
    });
    expect(without.statusCode).toBe(403);
    expect(without.headers['content-type']).toMatch(/problem\+json/);
    const forged = await t.app.inject({
      method: 'POST',
      url: '/api/accounts/invitations',
      cookies: adminCookies,
      headers: { 'x-csrf-token': 'forged-token' },
      payload,
    });
    expect(forged.statusCode).toBe(403);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/accounts/invitations',
      cookies: adminCookies,
      headers: { 'x-csrf-token': adminCsrf },
      payload,
    });
    expect(ok.statusCode).toBe(201);
  });

  it('a CSRF token of another session does not work', async () => {
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'camille', password: PASSWORD },
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/accounts/invitations',
      cookies: adminCookies,
      headers: { 'x-csrf-token': other.json().csrfToken },
      payload: {},
    });
    expect(res.statusCode).toBe(403);
  });

  it('invites a facilitator who sets a password once and logs in', async () => {
    const invite = await t.app.inject({
      method: 'POST',
      url: '/api/accounts/invitations',
      cookies: adminCookies,
      headers: { 'x-csrf-token': adminCsrf },
      payload: { displayName: 'Sacha', email: 'sacha@example.org' },
    });
    expect(invite.statusCode).toBe(201);
    const { token, url, role } = invite.json();
    expect(role).toBe('facilitator');
    expect(url).toContain(`/invitation#token=${token}`);

    const accept = await t.app.inject({
      method: 'POST',
      url: '/api/accounts/invitations/accept',
      payload: { token, displayName: 'Sacha', login: 'sacha', password: PASSWORD },
    });
    expect(accept.statusCode).toBe(201);
    expect(accept.json().account).toMatchObject({
      role: 'facilitator',
      login: 'sacha',
      email: 'sacha@example.org',
    });

    const reuse = await t.app.inject({
      method: 'POST',
      url: '/api/accounts/invitations/accept',
      payload: { token, displayName: 'Sacha 2', login: 'sacha2', password: PASSWORD },
    });
    expect(reuse.statusCode).toBe(410);

    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'SACHA', password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    expect(login.json().account.role).toBe('facilitator');
  });

  it('refuses a login that is taken, whatever its case', async () => {
    const invite = await t.app.inject({
      method: 'POST',
      url: '/api/accounts/invitations',
      headers: {},
      payload: {},
    });
    expect(invite.statusCode).toBe(401);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/accounts/invitations',
      cookies: adminCookies,
      headers: { 'x-csrf-token': adminCsrf },
      payload: {},
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/accounts/invitations/accept',
      payload: { token: created.json().token, displayName: 'X', login: 'Camille', password: PASSWORD },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().errors).toEqual([{ path: '/login', message: 'is taken' }]);
  });

  it('logs out: the cookie no longer authenticates', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'sacha', password: PASSWORD },
    });
    const cookies = {
      atlas_session: cookieOf(login, 'atlas_session')!,
      atlas_csrf: cookieOf(login, 'atlas_csrf')!,
    };
    const out = await t.app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      cookies,
      headers: { 'x-csrf-token': login.json().csrfToken },
    });
    expect(out.statusCode).toBe(204);
    const after = await t.app.inject({ method: 'GET', url: '/api/auth/session', cookies });
    expect(after.json().account).toBeNull();
  });

  it('changes a password and ends the other sessions', async () => {
    const first = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'sacha', password: PASSWORD },
    });
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'sacha', password: PASSWORD },
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/accounts/me/password',
      cookies: {
        atlas_session: cookieOf(second, 'atlas_session')!,
        atlas_csrf: cookieOf(second, 'atlas_csrf')!,
      },
      headers: { 'x-csrf-token': second.json().csrfToken },
      payload: { currentPassword: PASSWORD, newPassword: 'another long passphrase' },
    });
    expect(res.statusCode).toBe(200);
    const stale = await t.app.inject({
      method: 'GET',
      url: '/api/auth/session',
      cookies: { atlas_session: cookieOf(first, 'atlas_session')! },
    });
    expect(stale.json().account).toBeNull();
    const old = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { login: 'sacha', password: PASSWORD },
    });
    expect(old.statusCode).toBe(401);
  });
});

describe('first start without an admin', () => {
  it('prints a one-time setup link once listening, and no link when ATLAS_ADMIN_TOKEN is set', async () => {
    const database = await freshDatabase();
    const lines: string[] = [];
    const logger = { level: 'warn', stream: { write: (line: string) => lines.push(line) } };
    const config = { ...readConfig({ ATLAS_DEMO: '0' }), port: 0 };
    try {
      const app = await buildApp({ config, database, logger, clientRoot: 'test/fixtures/no-client' });
      await app.listen({ port: 0, host: '127.0.0.1' });
      await app.close();
      const announce = lines.map((l) => JSON.parse(l)).find((l) => l.setupUrl);
      expect(announce.setupUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/setup#token=[\w-]{43}$/);
      const token = announce.setupUrl.split('#token=')[1];
      const stored = await database.db.selectFrom('account_tokens').select('token_hash').execute();
      expect(stored.map((r) => r.token_hash)).toContain(hashToken(token));

      lines.length = 0;
      const withToken = await buildApp({
        config: { ...config, adminToken: 'an-admin-token-of-sufficient-length' },
        database,
        logger,
        clientRoot: 'test/fixtures/no-client',
      });
      await withToken.listen({ port: 0, host: '127.0.0.1' });
      await withToken.close();
      expect(lines.some((l) => l.includes('setupUrl'))).toBe(false);
    } finally {
      await database.close();
    }
  });
});

describe('tokens: listed without the secret, revoked for good', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  it('lists tokens with workshop and last use, never the token or its hash', async () => {
    const facilitator = await makeContributor(t.app.db, { role: 'facilitator' });
    const workshop = await makeWorkshop(t.app.db, facilitator.id);
    const participant = await makeContributor(t.app.db, { workshopId: workshop.id, name: 'Lou' });
    await t.app.inject({ method: 'GET', url: '/api/health', headers: participant.headers });

    const res = await t.app.inject({
      method: 'GET',
      url: `/api/tokens?workshop=${workshop.code}`,
      headers: adminAuth,
    });
    expect(res.statusCode).toBe(200);
    const { tokens, total } = res.json();
    expect(total).toBe(1);
    expect(tokens[0]).toMatchObject({
      id: participant.id,
      displayName: 'Lou',
      role: 'contributor',
      workshop: { id: workshop.id, code: workshop.code },
      revokedAt: null,
    });
    await expect
      .poll(async () => {
        const again = await t.app.inject({
          method: 'GET',
          url: `/api/tokens?workshop=${workshop.id}`,
          headers: adminAuth,
        });
        return again.json().tokens[0].lastSeenAt;
      })
      .not.toBeNull();
    expect(res.body).not.toContain(participant.token);
    expect(res.body).not.toMatch(/hash/i);
  });

  it('a revoked token answers 401 from then on', async () => {
    const participant = await makeContributor(t.app.db);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/health', headers: participant.headers })).statusCode,
    ).toBe(200);
    const revoke = await t.app.inject({
      method: 'POST',
      url: `/api/tokens/${participant.id}/revoke`,
      headers: adminAuth,
    });
    expect(revoke.statusCode).toBe(200);
    const after = await t.app.inject({ method: 'GET', url: '/api/health', headers: participant.headers });
    expect(after.statusCode).toBe(401);
    expect(after.headers['www-authenticate']).toMatch(/invalid_token/);
  });

  it("a facilitator revokes their own workshop's participants only", async () => {
    const facilitator = await makeContributor(t.app.db, { role: 'facilitator' });
    const mine = await makeWorkshop(t.app.db, facilitator.id);
    const theirs = await makeWorkshop(t.app.db, null);
    const inMine = await makeContributor(t.app.db, { workshopId: mine.id });
    const inTheirs = await makeContributor(t.app.db, { workshopId: theirs.id });

    const listed = await t.app.inject({ method: 'GET', url: '/api/tokens', headers: facilitator.headers });
    expect(listed.json().tokens.map((x: { id: string }) => x.id)).toEqual([inMine.id]);
    const ok = await t.app.inject({
      method: 'POST',
      url: `/api/tokens/${inMine.id}/revoke`,
      headers: facilitator.headers,
    });
    expect(ok.statusCode).toBe(200);
    const denied = await t.app.inject({
      method: 'POST',
      url: `/api/tokens/${inTheirs.id}/revoke`,
      headers: facilitator.headers,
    });
    expect(denied.statusCode).toBe(403);
  });

  it('contributors may neither list nor revoke tokens', async () => {
    const a = await makeContributor(t.app.db);
    const b = await makeContributor(t.app.db);
    expect((await t.app.inject({ method: 'GET', url: '/api/tokens', headers: a.headers })).statusCode).toBe(
      403,
    );
    const res = await t.app.inject({ method: 'POST', url: `/api/tokens/${b.id}/revoke`, headers: a.headers });
    expect(res.statusCode).toBe(403);
  });
});
