import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';
import { adminAuth, buildTestApp, type TestApp } from '../helpers/app';
import { makeContributor, makeEntry, type TestActor } from './security.fixtures';

// Hostile text is data: stored and returned literally, never executed nor interpreted as SQL. Rendering
// in a browser is the e2e suite's part (it uses the same fixture).
const XSS: string[] = JSON.parse(readFileSync('test/fixtures/xss-payloads.json', 'utf8')).payloads;
const SQL: string[] = JSON.parse(readFileSync('test/fixtures/sql-injection-payloads.json', 'utf8')).payloads;
const storable = (s: string) => !s.includes('\u0000');

const FORBIDDEN_TAGS =
  /^<\/?(script|iframe|object|embed|base|meta|link|form|input|button|svg|math|style|template|noscript|body|details|video|source)\b/i;

/** Problems in sanitized HTML: dangerous tags, event handlers, or script URLs in real tags (not escaped text). */
function htmlDangers(html: string): string[] {
  const dangers: string[] = [];
  for (const tag of html.match(/<[^>]+>/g) ?? []) {
    if (FORBIDDEN_TAGS.test(tag)) dangers.push(tag);
    if (/\son[a-z]+\s*=/i.test(tag)) dangers.push(tag);
    if (/\b(href|src|action|data|formaction)\s*=\s*["']?\s*(javascript|data|vbscript):/i.test(tag))
      dangers.push(tag);
    if (/\sstyle\s*=/i.test(tag)) dangers.push(tag);
  }
  return dangers;
}

describe('hostile text is stored and returned literally', () => {
  let t: TestApp;
  let author: TestActor;
  beforeAll(async () => {
    const limits = readConfig({}).rateLimits;
    t = await buildTestApp({
      rateLimits: {
        ...limits,
        writesPerToken: 0,
        writesPerAddress: 0,
        readsPerAddress: 0,
        reportsPerAddress: 0,
      },
    });
    author = await makeContributor(t.app.db);
  });
  afterAll(() => t.close());

  const hasRoute = (method: string, url: string) =>
    t.app.routeCatalog.some((r) => r.method === method && r.url === url);

  it('in every text field of an entry, with sanitized description HTML', async ({ skip }) => {
    if (!hasRoute('POST', '/api/entries')) skip();
    for (const payload of [...XSS, ...SQL.filter(storable)]) {
      const properties = {
        kind: 'place',
        name: payload,
        summary: payload,
        description: `${payload}\n\n${payload}`,
        tags: payload.length <= 60 ? [payload] : [],
        address: { city: payload, street: payload },
      };
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/entries',
        headers: author.headers,
        payload: { type: 'Feature', geometry: { type: 'Point', coordinates: [2.35, 48.85] }, properties },
      });
      expect(res.statusCode, `${payload}: ${res.body.slice(0, 200)}`).toBe(201);
      const read = await t.app.inject({ method: 'GET', url: `/api/entries/${res.json().id}` });
      const p = read.json().properties;
      expect(p.name).toBe(payload);
      expect(p.summary).toBe(payload);
      expect(p.description).toBe(properties.description);
      expect(p.tags).toEqual(properties.tags);
      expect(p.address).toMatchObject({ city: payload, street: payload });
      expect(htmlDangers(p.descriptionHtml), payload).toEqual([]);
      expect(read.headers['content-type']).toMatch(/json/);
    }
  });

  it('in report comments, as moderators read them', async () => {
    const entry = await makeEntry(t.app.db);
    const reasons = ['closed', 'wrong', 'duplicate', 'off-charter'] as const;
    const payloads = [...XSS, ...SQL.filter(storable)];
    for (const [i, payload] of payloads.entries()) {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/entries/${entry}/reports`,
        // Distinct reporters, so no report is folded into an earlier one.
        headers: { 'x-forwarded-for': `198.51.100.${i % 250}`, ...(i >= 250 ? author.headers : {}) },
        payload: { reason: reasons[i % reasons.length], comment: payload },
      });
      expect(res.statusCode, payload).toBe(201);
      expect(res.json().comment).toBe(payload);
    }
    const list = await t.app.inject({
      method: 'GET',
      url: `/api/entries/${entry}/reports`,
      headers: adminAuth,
    });
    const comments = list.json().reports.map((r: { comment: string }) => r.comment);
    expect(comments.sort()).toEqual([...payloads].sort());
  });

  it('in account names', async () => {
    for (const payload of XSS.filter((p) => p.length <= 80).slice(0, 8)) {
      const invite = await t.app.inject({
        method: 'POST',
        url: '/api/accounts/invitations',
        headers: adminAuth,
        payload: {},
      });
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/accounts/invitations/accept',
        payload: {
          token: invite.json().token,
          displayName: payload,
          login: `user-${invite.json().id.slice(0, 8)}`,
          password: 'a long enough password',
        },
      });
      expect(res.statusCode, payload).toBe(201);
      expect(res.json().account.displayName).toBe(payload);
    }
  });

  it('SQL in filters, searches and logins is only ever a string', async () => {
    const before = await t.app.db.selectFrom('contributors').select(['id', 'role']).orderBy('id').execute();
    for (const payload of SQL) {
      const q = encodeURIComponent(payload);
      const urls = [`/api/tokens?workshop=${q}`, `/api/moderation/queue?workshop=${q}`];
      if (hasRoute('GET', '/api/entries')) urls.push(`/api/entries?q=${q}`, `/api/entries?workshop=${q}`);
      for (const url of urls) {
        const res = await t.app.inject({ method: 'GET', url, headers: adminAuth });
        expect(res.statusCode, `${url}: ${res.body.slice(0, 200)}`).toBeLessThan(500);
      }
      const login = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-for': '203.0.113.50' },
        payload: { login: payload, password: payload.padEnd(10, 'x') },
      });
      expect([400, 401, 429]).toContain(login.statusCode);
    }
    const after = await t.app.db
      .selectFrom('contributors')
      .select(['id', 'role'])
      .where(
        'id',
        'in',
        before.map((r) => r.id),
      )
      .orderBy('id')
      .execute();
    expect(after).toEqual(before);
    expect(
      Number(
        (
          await t.app.db
            .selectFrom('entries')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    ).toBeGreaterThan(0);
  });
});
