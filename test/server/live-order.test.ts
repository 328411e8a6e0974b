import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminAuth, buildTestApp, type TestApp } from '../helpers/app';
import { testEngine } from '../helpers/database';
import { insertEntry, postEntry } from '../helpers/live-factories';
import { openLive, openSse } from '../helpers/sse';

/** A transaction that has taken its revision id and waits to be told to commit or roll back. */
function heldWrite(t: TestApp, name: string) {
  let finish: (commit: boolean) => void = () => {};
  const decided = new Promise<boolean>((resolve) => {
    finish = resolve;
  });
  let taken: (revision: string) => void = () => {};
  const revisionTaken = new Promise<string>((resolve) => {
    taken = resolve;
  });
  const done = insertEntry(t.app.db, {
    name,
    // insertEntry's transaction runs this after its revision insert: the id is taken, the commit waits.
    afterRevision: async (revision) => {
      taken(revision);
      if (!(await decided)) throw new Error('rolled back on purpose');
    },
  }).catch(() => null);
  return { revisionTaken, commit: () => finish(true), rollBack: () => finish(false), done };
}

// Writers do not wait for each other, so a revision id may commit after a later one. The embedded engine
// has one backend for every connection, so there a transaction held open would stop the other writer.
describe.skipIf(testEngine === 'embedded')('GET /api/live with revisions committing out of order', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await buildTestApp();
    t.app.liveHub.configure({ coalesceMs: 5 });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('holds a later revision until the earlier one commits, then sends both in id order, once', async () => {
    const live = await openLive(`${base}/api/live`);
    const held = heldWrite(t, 'Validé en dernier');
    const early = BigInt(await held.revisionTaken);
    const later = await postEntry(t.app, adminAuth, { name: 'Validé en premier' });
    expect(BigInt(later.revision)).toBeGreaterThan(early);

    // The later revision is committed, but a reader that sent it now would skip the earlier one.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(live.events.filter((e) => e.event === 'change')).toHaveLength(0);

    held.commit();
    await held.done;
    await live.waitFor((e) => e.id === later.revision);
    const ids = live.events.filter((e) => e.event === 'change').map((e) => e.id);
    expect(ids).toEqual([early.toString(), later.revision]);

    // A client that reconnects from before both gets them too, in order.
    const back = await openSse(`${base}/api/live`, { lastEventId: (early - 1n).toString() });
    await back.waitFor((e) => e.id === later.revision);
    expect(back.events.filter((e) => e.event === 'change').map((e) => e.id)).toEqual(ids);
    back.close();
    live.close();
  });

  it('goes past the id of a transaction that rolled back', async () => {
    const live = await openLive(`${base}/api/live`);
    const held = heldWrite(t, 'Jamais validé');
    const lost = await held.revisionTaken;
    const later = await postEntry(t.app, adminAuth, { name: 'Après une annulation' });
    held.rollBack();
    await held.done;
    await live.waitFor((e) => e.id === later.revision, 5_000);
    const ids = live.events.filter((e) => e.event === 'change').map((e) => e.id);
    expect(ids).toEqual([later.revision]);
    expect(ids).not.toContain(lost);
    live.close();
  });
});
