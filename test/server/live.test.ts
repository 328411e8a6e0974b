import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../server/config';
import { ADMIN_TOKEN, adminAuth, buildTestApp, type TestApp } from '../helpers/app';
import { createContributor, createWorkshop, postEntry } from '../helpers/live-factories';
import { openLive, openSse, type SseEvent } from '../helpers/sse';

interface Change {
  revision: { id: string; entryId: string; op: string; changes: Record<string, unknown> };
  entry: { type: string; id: string; properties: { name: string; status: string; contact?: unknown } };
}

describe('GET /api/live', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    // 60 writes a minute per token would stop the 61 writes of one test.
    t = await buildTestApp({ rateLimits: { ...readConfig({}).rateLimits, writesPerToken: 0 } });
    t.app.liveHub.configure({ heartbeatMs: 200 });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t.close();
  });

  /** A write through the API (as admin unless other headers are given). */
  function write(properties: Record<string, unknown> = {}, headers: Record<string, string> = adminAuth) {
    return postEntry(t.app, headers, properties);
  }

  const changesOf = (events: SseEvent[]) => events.filter((e) => e.event === 'change');

  it('sends a committed change with the revision id as event id and the entry as a Feature', async () => {
    const live = await openLive(`${base}/api/live`);
    expect(live.headers['content-type']).toMatch(/^text\/event-stream/);
    const { id, revision } = await write({ name: 'Fablab des Usines' });
    expect(live.headers['x-content-type-options']).toBe('nosniff');
    // Embeds on other sites read the public feed.
    expect(live.headers['access-control-allow-origin']).toBe('*');
    const event = await live.waitFor((e) => e.event === 'change' && e.id === revision);
    const data = JSON.parse(event.data) as Change;
    expect(data.revision).toMatchObject({ id: revision, entryId: id, op: 'create' });
    expect(data.entry).toMatchObject({
      type: 'Feature',
      id,
      properties: { name: 'Fablab des Usines', status: 'published' },
    });
    live.close();
  });

  it('gives a client that was away for 50 changes each of them once on reconnect, then goes on live', async () => {
    const first = await openLive(`${base}/api/live`);
    const marker = await write();
    await first.waitFor((e) => e.id === marker.revision);
    const lastEventId = first.lastEventId;
    first.close();

    const missed: string[] = [];
    for (let i = 0; i < 50; i += 1) missed.push((await write({ name: `Pendant l'absence ${i}` })).id);

    // Reconnect as EventSource does, and keep writing while the replay runs.
    const back = await openSse(`${base}/api/live`, { lastEventId });
    const during: string[] = [];
    for (let i = 0; i < 10; i += 1) during.push((await write({ name: `Pendant la reprise ${i}` })).id);
    await back.waitForCount('change', 60, 20_000);
    const closing = await write({ name: 'Après' });
    await back.waitFor((e) => e.id === closing.revision);

    const changes = changesOf(back.events);
    const ids = changes.map((e) => BigInt(e.id ?? '0'));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    const entries = changes.map((e) => (JSON.parse(e.data) as Change).entry.id);
    expect(entries).toEqual([...missed, ...during, closing.id]);
    expect(back.events.filter((e) => e.event === 'ready')).toHaveLength(1);
    back.close();
  });

  it('gives each of 120 clients (fanned out a slice at a time) every change of a burst, once and in order', async () => {
    const streams = await Promise.all(Array.from({ length: 120 }, () => openLive(`${base}/api/live`)));
    // Small reads and slices of one client: the hub reads the next batch while the slices of the last one
    // are still being written.
    t.app.liveHub.configure({ batchSize: 5, fanOutSlice: 1 });
    try {
      const written = await Promise.all(Array.from({ length: 30 }, (_, i) => write({ name: `Rafale ${i}` })));
      const revisions = written.map((w) => BigInt(w.revision)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      for (const stream of streams) {
        await stream.waitForCount('change', 30, 20_000);
        expect(changesOf(stream.events).map((e) => BigInt(e.id ?? '0'))).toEqual(revisions);
        stream.close();
      }
    } finally {
      t.app.liveHub.configure({ batchSize: 500, fanOutSlice: 50 });
    }
  });

  it('replays from ?since= and prefers Last-Event-ID when both are sent', async () => {
    const a = await write();
    const b = await write();
    const c = await write();
    const bySince = await openLive(`${base}/api/live?since=${a.revision}`);
    expect(changesOf(bySince.events).map((e) => e.id)).toEqual([b.revision, c.revision]);
    bySince.close();
    const both = await openLive(`${base}/api/live?since=${a.revision}`, { lastEventId: b.revision });
    expect(changesOf(both.events).map((e) => e.id)).toEqual([c.revision]);
    both.close();
  });

  it('sends a heartbeat comment on an idle stream', async () => {
    const live = await openLive(`${base}/api/live`);
    await live.waitForComment((c) => c === 'heartbeat', 5_000);
    live.close();
  });

  it('shows pending entries only to moderators and their author, and contacts only to moderators', async () => {
    const workshop = await createWorkshop(t.app.db, { policy: 'review' });
    const author = await createContributor(t.app.db, { workshopId: workshop.id, displayName: 'Camille' });
    const other = await createContributor(t.app.db, { workshopId: workshop.id, displayName: 'Dominique' });
    const facilitator = await createContributor(t.app.db, { workshopId: workshop.id, role: 'facilitator' });
    const url = `${base}/api/live?workshop=${workshop.code}`;
    const [publicLive, adminLive, authorLive, otherLive] = await Promise.all([
      openLive(url),
      openLive(url, { headers: adminAuth }),
      openLive(`${url}&token=${author.token}`),
      openLive(url, { headers: other.headers }),
    ]);

    const pending = await write({ name: 'En attente' }, author.headers);
    expect(pending.status).toBe('pending');
    const published = await write({ contact: { email: 'lieu@example.org' } }, facilitator.headers);
    expect(published.status).toBe('published');
    for (const live of [publicLive, adminLive, authorLive, otherLive]) {
      await live.waitFor((e) => e.id === published.revision);
    }
    const seen = (live: typeof publicLive) => changesOf(live.events).map((e) => e.id);
    expect(seen(publicLive)).toEqual([published.revision]);
    expect(seen(otherLive)).toEqual([published.revision]);
    expect(seen(authorLive)).toEqual([pending.revision, published.revision]);
    expect(seen(adminLive)).toEqual([pending.revision, published.revision]);

    const contactSeen = (live: typeof publicLive) =>
      live.data<Change>('change').find((c) => c.entry.id === published.id)?.entry.properties.contact;
    expect(contactSeen(adminLive)).toEqual({ email: 'lieu@example.org' });
    expect(contactSeen(publicLive)).toBeUndefined();
    const publicChanges = publicLive.data<Change>('change')[0]?.revision.changes ?? {};
    expect(Object.keys(publicChanges)).not.toContain('contact');
    for (const live of [publicLive, adminLive, authorLive, otherLive]) live.close();
  });

  it('filters by workshop, and opens a workshop stream with its status', async () => {
    const workshop = await createWorkshop(t.app.db);
    const participant = await createContributor(t.app.db, { workshopId: workshop.id });
    const live = await openLive(`${base}/api/live?workshop=${workshop.code.toLowerCase()}`);
    expect(live.data('status')).toEqual([
      { workshop: workshop.code, status: 'open', title: `Atelier ${workshop.code}` },
    ]);
    const elsewhere = await write();
    const inside = await write({}, participant.headers);
    const renamed = await t.app.inject({
      method: 'PATCH',
      url: `/api/entries/${inside.id}`,
      headers: { ...participant.headers, 'if-match': '"1"' },
      payload: { properties: { name: 'Renommé' } },
    });
    expect(renamed.statusCode).toBe(200);
    const update = await live.waitFor((e) => e.event === 'change' && e.id !== inside.revision);
    expect(JSON.parse(update.data)).toMatchObject({
      revision: { op: 'update', entryId: inside.id },
      entry: { properties: { name: 'Renommé', version: 2 } },
    });
    expect(changesOf(live.events).map((e) => e.id)).toEqual([inside.revision, update.id]);
    expect(live.events.some((e) => e.id === elsewhere.revision)).toBe(false);
    live.close();
  });

  it('answers problem+json for an unknown workshop, a bad cursor or an unknown token', async () => {
    const unknown = await t.app.inject({ url: '/api/live?workshop=ZZZZZZ' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    const badCursor = await t.app.inject({ url: '/api/live', headers: { 'last-event-id': 'abc' } });
    expect(badCursor.statusCode).toBe(400);
    const badToken = await t.app.inject({ url: '/api/live?token=nope' });
    expect(badToken.statusCode).toBe(401);
    const admin = await openLive(`${base}/api/live?token=${ADMIN_TOKEN}`);
    admin.close();
  });

  it('ends open streams when the app closes', async () => {
    const live = await openLive(`${base}/api/live`);
    await t.app.close();
    await live.waitForEnd(5_000);
    expect(t.app.liveHub.clientCount).toBe(0);
  });
});
