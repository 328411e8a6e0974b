import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';
import { ANONYMOUS_WRITES } from '../../server/plugins/auth';
import type { RouteInfo } from '../../server/plugins/security';
import { adminAuth, buildTestApp } from '../helpers/app';
import { makeContributor, makeEntry, makeWorkshop, type TestActor } from './security.fixtures';

// The permission matrix: every route the app has when this file runs (so routes added later are covered
// without editing it), for every role. Each route's requirement comes from its declared `config.roles`, else
// from POLICY, else by default: reads are public, writes need a token unless the route accepts anonymous
// writes. Routes that declare roles must answer exactly 401/403; others must at least refuse (400/403/404).
// Abuse limits are lifted here.

type Need = 'public' | 'token' | 'moderator' | 'admin';
type Role = 'anonymous' | 'revoked' | 'contributor' | 'other contributor' | 'facilitator' | 'admin';

const POLICY: [method: string, url: RegExp, need: Need][] = [
  ['GET', /^\/api\/tokens$/, 'moderator'],
  ['POST', /^\/api\/tokens\/:id\/revoke$/, 'moderator'],
  ['*', /^\/api\/accounts(\/invitations(\/:id)?)?$/, 'admin'],
  ['POST', /^\/api\/accounts\/me\/password$/, 'token'],
  ['*', /^\/api\/moderation\//, 'moderator'],
  ['GET', /^\/api\/entries\/:id\/reports$/, 'moderator'],
  ['*', /^\/api\/imports/, 'moderator'],
  ['*', /^\/api\/sync/, 'admin'],
  ['WRITE', /^\/api\/themes/, 'admin'],
  ['*', /^\/api\/workshops$/, 'moderator'],
  ['GET', /^\/api\/workshops\/:code\/(pending|export\.\w+)$/, 'moderator'],
  ['POST', /^\/api\/workshops\/:code\/(moderate|facilitators|close|reopen)$/, 'moderator'],
  ['*', /^\/api\/admin\//, 'admin'],
];
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

function needOf(route: RouteInfo): Need {
  if (route.roles) {
    if (route.roles.includes('contributor')) return 'token';
    return route.roles.includes('facilitator') ? 'moderator' : 'admin';
  }
  for (const [method, pattern, need] of POLICY) {
    const methodMatches =
      method === '*' || method === route.method || (method === 'WRITE' && !SAFE.has(route.method));
    if (methodMatches && pattern.test(route.url)) return need;
  }
  if (SAFE.has(route.method)) return 'public';
  if (
    route.anonymous ||
    ANONYMOUS_WRITES.has(`${route.method} ${route.url}`) ||
    !route.url.startsWith('/api/')
  ) {
    return 'public';
  }
  return 'token';
}

// Streams never end under inject(): for them only the authentication step is checked.
const isStream = (route: RouteInfo) =>
  route.method === 'GET' && /\/live(\/|$)|\/progress$|\/events$/.test(route.url);

const t = await buildTestApp({ rateLimits: { ...readConfig({}).rateLimits, ...unlimited() } });
afterAll(() => t.close());

const db = t.app.db;
const facilitatorActor = await makeContributor(db, { role: 'facilitator' });
const workshop = await makeWorkshop(db, facilitatorActor.id);
const owner = await makeContributor(db, { workshopId: workshop.id });
const actors: Record<Role, { headers: Record<string, string> }> = {
  anonymous: { headers: {} },
  revoked: await makeContributor(db, { revoked: true }),
  contributor: owner,
  'other contributor': await makeContributor(db),
  facilitator: facilitatorActor,
  admin: { headers: adminAuth },
};
const entryId = await makeEntry(db, { createdBy: owner.id, workshopId: workshop.id });

const routes = t.app.routeCatalog
  .filter((r) => r.method !== 'HEAD' && !r.url.includes('*'))
  .sort((a, b) => `${a.url} ${a.method}`.localeCompare(`${b.url} ${b.method}`));

function urlOf(route: RouteInfo): string {
  return route.url
    .replace(/^\/api\/entries\/:id/, `/api/entries/${entryId}`)
    .replace(':code', workshop.code)
    .replace(/:[A-Za-z]+/g, () => randomUUID());
}

function expectation(need: Need, role: Role): { allowed: boolean; status?: number } {
  if (role === 'revoked') return { allowed: false, status: 401 };
  if (need === 'public') return { allowed: true };
  if (role === 'anonymous') return { allowed: false, status: 401 };
  if (need === 'token' || role === 'admin') return { allowed: true };
  if (need === 'moderator' && role === 'facilitator') return { allowed: true };
  return { allowed: false, status: 403 };
}

describe.each(routes)('$method $url', (route) => {
  const need = needOf(route);
  it.each(Object.keys(actors) as Role[])(`(${need}) as %s`, async (role) => {
    const expected = expectation(need, role);
    if (isStream(route) && expected.allowed) return;
    const res = await t.app.inject({
      method: route.method,
      url: urlOf(route),
      headers: actors[role].headers,
      ...(SAFE.has(route.method) || route.method === 'DELETE' ? {} : { payload: {} }),
    });
    expect(res.statusCode, res.body.slice(0, 300)).toBeLessThan(500);
    if (res.statusCode >= 400) expect(res.headers['content-type']).toMatch(/^application\/(problem\+)?json/);
    if (expected.allowed) {
      expect(res.statusCode).not.toBe(401);
      if (role === 'admin') expect(res.statusCode).not.toBe(403);
    } else if (expected.status === 401 || route.roles) {
      expect(res.statusCode).toBe(expected.status);
    } else {
      // A route that checks roles in its handler validates the body first: refused either way.
      expect([400, 403, 404]).toContain(res.statusCode);
    }
  });
});

describe('entries belong to their author', () => {
  const hasRoute = (method: string, url: string) => routes.some((r) => r.method === method && r.url === url);

  it('another contributor may neither edit nor delete an entry', async ({ skip }) => {
    if (!hasRoute('PATCH', '/api/entries/:id')) skip();
    const id = await makeEntry(db, { createdBy: owner.id });
    const other = actors['other contributor'] as TestActor;
    const patch = await t.app.inject({
      method: 'PATCH',
      url: `/api/entries/${id}`,
      headers: { ...other.headers, 'if-match': '"1"' },
      payload: { properties: { name: 'Vandalisé' } },
    });
    expect(patch.statusCode).toBe(403);
    const del = await t.app.inject({
      method: 'DELETE',
      url: `/api/entries/${id}`,
      headers: { ...other.headers, 'if-match': '"1"' },
    });
    expect(del.statusCode).toBe(403);
    const mine = await t.app.inject({
      method: 'PATCH',
      url: `/api/entries/${id}`,
      headers: { ...owner.headers, 'if-match': '"1"' },
      payload: { properties: { name: 'Renommé par son autrice' } },
    });
    expect(mine.statusCode).toBe(200);
  });

  it('a revoked token cannot write even its own entries', async ({ skip }) => {
    if (!hasRoute('PATCH', '/api/entries/:id')) skip();
    const author = await makeContributor(db);
    const id = await makeEntry(db, { createdBy: author.id });
    await t.app.inject({ method: 'POST', url: `/api/tokens/${author.id}/revoke`, headers: adminAuth });
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/entries/${id}`,
      headers: { ...author.headers, 'if-match': '"1"' },
      payload: { properties: { name: 'x' } },
    });
    expect(res.statusCode).toBe(401);
  });
});

function unlimited() {
  return {
    readsPerAddress: 0,
    writesPerAddress: 0,
    writesPerToken: 0,
    importsPerToken: 0,
    importPreviewsPerToken: 0,
    loginsPerAddress: 0,
    reportsPerAddress: 0,
  };
}
