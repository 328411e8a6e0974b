import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAuth, buildTestApp, type TestApp } from '../helpers/app';
import { makeContributor, makeEntry, makeWorkshop, type TestActor } from './security.fixtures';

describe('moderation: reports, queue, bulk actions', () => {
  let t: TestApp;
  let facilitator: TestActor;
  let author: TestActor;
  let workshop: { id: string; code: string };
  beforeAll(async () => {
    t = await buildTestApp();
    facilitator = await makeContributor(t.app.db, { role: 'facilitator', name: 'Fatou' });
    workshop = await makeWorkshop(t.app.db, facilitator.id);
    author = await makeContributor(t.app.db, { workshopId: workshop.id });
  });
  afterAll(() => t.close());

  it('lets anyone report a published entry, once per reason while it is open', async () => {
    const entry = await makeEntry(t.app.db);
    const report = { reason: 'closed', comment: 'Fermé depuis 2023' };
    const first = await t.app.inject({
      method: 'POST',
      url: `/api/entries/${entry}/reports`,
      payload: report,
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      entryId: entry,
      reason: 'closed',
      status: 'open',
      comment: 'Fermé depuis 2023',
    });
    expect(first.json().reporter).toBeUndefined();
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/entries/${entry}/reports`,
      payload: report,
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(first.json().id);
    const other = await t.app.inject({
      method: 'POST',
      url: `/api/entries/${entry}/reports`,
      headers: { 'x-forwarded-for': '203.0.113.7' },
      payload: report,
    });
    expect(other.statusCode).toBe(201);
  });

  it('hides entries that are not public from anonymous reporters', async () => {
    const pending = await makeEntry(t.app.db, { status: 'pending', createdBy: author.id });
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/entries/${pending}/reports`,
      payload: { reason: 'wrong' },
    });
    expect(res.statusCode).toBe(404);
    const own = await t.app.inject({
      method: 'POST',
      url: `/api/entries/${pending}/reports`,
      headers: author.headers,
      payload: { reason: 'wrong' },
    });
    expect(own.statusCode).toBe(201);
  });

  it('checks the duplicate it points at', async () => {
    const entry = await makeEntry(t.app.db);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/entries/${entry}/reports`,
      payload: { reason: 'duplicate', duplicateOf: entry },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ path: '/duplicateOf', message: 'must be the id of another entry' }]);
  });

  it('shows moderators the pending entries and open reports of the whole atlas', async () => {
    const pending = await makeEntry(t.app.db, {
      status: 'pending',
      workshopId: workshop.id,
      createdBy: author.id,
    });
    const reported = await makeEntry(t.app.db, { name: 'Repair café' });
    await t.app.inject({
      method: 'POST',
      url: `/api/entries/${reported}/reports`,
      headers: author.headers,
      payload: { reason: 'off-charter', comment: 'publicité' },
    });
    for (const headers of [adminAuth, facilitator.headers]) {
      const res = await t.app.inject({ method: 'GET', url: '/api/moderation/queue', headers });
      expect(res.statusCode).toBe(200);
      const queue = res.json();
      expect(queue.pending.map((e: { id: string }) => e.id)).toContain(pending);
      const report = queue.reports.find((r: { entryId: string }) => r.entryId === reported);
      expect(report).toMatchObject({ reason: 'off-charter', entry: { id: reported, name: 'Repair café' } });
      expect(report.reporter).toMatchObject({ id: author.id });
      expect(queue.counts.pending).toBeGreaterThanOrEqual(1);
    }
    const mine = await t.app.inject({
      method: 'GET',
      url: `/api/moderation/queue?workshop=${workshop.code}`,
      headers: adminAuth,
    });
    expect(mine.json().pending.map((e: { id: string }) => e.id)).toEqual([pending]);
  });

  it('approves many entries at once, each change a status revision by the moderator', async () => {
    const a = await makeEntry(t.app.db, { status: 'pending', workshopId: workshop.id });
    const b = await makeEntry(t.app.db, { status: 'pending' });
    const already = await makeEntry(t.app.db, { status: 'published' });
    const missing = '00000000-0000-4000-8000-00000000dead';
    const committed: string[] = [];
    const listener = (id: string) => committed.push(id);
    t.app.liveBus.on('committed', listener);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/moderation/bulk',
      headers: facilitator.headers,
      payload: { ids: [a, b, already, missing], action: 'approve' },
    });
    t.app.liveBus.off('committed', listener);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.changed.map((c: { id: string }) => c.id).sort()).toEqual([a, b].sort());
    expect(body.changed[0]).toMatchObject({ status: 'published', version: 2 });
    expect(body).toMatchObject({ unchanged: [already], notFound: [missing] });

    const revisions = await t.app.db
      .selectFrom('revisions')
      .selectAll()
      .where('entry_id', 'in', [a, b])
      .orderBy('id')
      .execute();
    expect(revisions).toHaveLength(2);
    for (const revision of revisions) {
      expect(revision).toMatchObject({
        op: 'status',
        version: 2,
        actor_id: facilitator.id,
        actor_name: 'Fatou',
      });
      expect(revision.changes).toEqual({ status: ['pending', 'published'] });
      expect(revision.snapshot).toMatchObject({ id: revision.entry_id, status: 'published', version: 2 });
    }
    expect(revisions.find((r) => r.entry_id === a)?.workshop_id).toBe(workshop.id);
    expect(committed).toEqual([revisions[1]?.id]);
  });

  it('rejects and closes the open reports along the way', async () => {
    const entry = await makeEntry(t.app.db);
    await t.app.inject({
      method: 'POST',
      url: `/api/entries/${entry}/reports`,
      payload: { reason: 'off-charter' },
    });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/moderation/bulk',
      headers: adminAuth,
      payload: { ids: [entry], action: 'reject', resolveReports: true, note: 'hors charte' },
    });
    expect(res.json()).toMatchObject({ changed: [{ id: entry, status: 'rejected' }], resolvedReports: 1 });
    const reports = await t.app.inject({
      method: 'GET',
      url: `/api/entries/${entry}/reports`,
      headers: adminAuth,
    });
    expect(reports.json().reports[0]).toMatchObject({ status: 'resolved', resolutionNote: 'hors charte' });
  });

  it('resolves or dismisses one report, naming who did', async () => {
    const entry = await makeEntry(t.app.db);
    const report = await t.app.inject({
      method: 'POST',
      url: `/api/entries/${entry}/reports`,
      payload: { reason: 'wrong' },
    });
    const id = report.json().id;
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/moderation/reports/${id}/resolve`,
      headers: facilitator.headers,
      payload: { status: 'dismissed', note: 'vérifié, correct' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'dismissed',
      resolvedBy: { id: facilitator.id, displayName: 'Fatou' },
      resolutionNote: 'vérifié, correct',
    });
    const again = await t.app.inject({
      method: 'POST',
      url: `/api/moderation/reports/${id}/resolve`,
      headers: facilitator.headers,
      payload: {},
    });
    expect(again.statusCode).toBe(409);
  });

  it('keeps contributors and anonymous visitors out of moderation', async () => {
    const entry = await makeEntry(t.app.db, { status: 'pending' });
    for (const headers of [{}, author.headers]) {
      const queue = await t.app.inject({ method: 'GET', url: '/api/moderation/queue', headers });
      expect([401, 403]).toContain(queue.statusCode);
      const bulk = await t.app.inject({
        method: 'POST',
        url: '/api/moderation/bulk',
        headers,
        payload: { ids: [entry], action: 'approve' },
      });
      expect([401, 403]).toContain(bulk.statusCode);
    }
    const row = await t.app.db
      .selectFrom('entries')
      .select('status')
      .where('id', '=', entry)
      .executeTakeFirstOrThrow();
    expect(row.status).toBe('pending');
  });
});
