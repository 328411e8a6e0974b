import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTEN_APPLICATION_NAME } from '../../server/features/live/notify-listener';
import { ADMIN_TOKEN, adminAuth, buildTestApp, type TestApp } from '../helpers/app';
import { testEngine } from '../helpers/database';
import { createContributor, createWorkshop, insertEntry } from '../helpers/live-factories';
import { type ServerProcess, startServerProcess } from '../helpers/server-process';
import { openLive } from '../helpers/sse';

// Several processes and NOTIFY only make sense on PostgreSQL: the embedded engine is one process by nature.
describe.runIf(testEngine === 'postgres')('live feed across connections and processes (PostgreSQL)', () => {
  let t: TestApp;
  let base: string;
  let other: ServerProcess;

  beforeAll(async () => {
    t = await buildTestApp();
    // No poll: what arrives must come through NOTIFY, or the replay after the LISTEN connection comes back.
    t.app.liveHub.configure({ pollMs: 600_000, presenceThrottleMs: 50 });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    other = await startServerProcess(t.database.url ?? '', {
      ATLAS_ADMIN_TOKEN: ADMIN_TOKEN,
      ATLAS_LIVE_POLL_MS: '600000',
      ATLAS_LIVE_PRESENCE_THROTTLE_MS: '50',
      LOG_LEVEL: 'warn',
    });
  });
  afterAll(async () => {
    await other?.stop();
    await t?.close();
  });

  it('delivers a write of another connection through NOTIFY alone', async () => {
    const live = await openLive(`${base}/api/live`);
    const { revision } = await insertEntry(t.app.db); // no in-process signal
    await live.waitFor((e) => e.id === revision);
    live.close();
  });

  it('loses no event when the LISTEN connection is killed, even while writes go on', async () => {
    const live = await openLive(`${base}/api/live`);
    const listener = t.app.liveListener;
    expect(listener).not.toBeNull();
    const before = listener?.connections ?? 0;
    const kill = () =>
      sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE application_name = ${LISTEN_APPLICATION_NAME} AND datname = current_database()
            AND pid <> pg_backend_pid()`.execute(t.app.db);

    const reconnected = async (count: number) => {
      const t0 = Date.now();
      while ((listener?.connections ?? 0) < count) {
        if (Date.now() - t0 > 20_000) throw new Error(`the LISTEN connection did not come back (${count})`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };

    // Twice: kill the connection, write while it is down, let it come back.
    const written: string[] = [];
    for (const round of [1, 2]) {
      await kill();
      for (let i = 0; i < 15; i += 1) {
        written.push((await insertEntry(t.app.db, { name: `Coupure ${round}, écriture ${i}` })).revision);
      }
      await reconnected(before + round);
    }
    await live.waitFor((e) => e.id === written[written.length - 1], 20_000);
    const ids = live.events.filter((e) => e.event === 'change').map((e) => e.id);
    expect(ids).toEqual(written);

    // Back to normal: NOTIFY alone wakes the hub again.
    const after = await insertEntry(t.app.db);
    await live.waitFor((e) => e.id === after.revision);
    live.close();
  });

  it('shows a live client of one process the writes made through another', async () => {
    const workshop = await createWorkshop(t.app.db, { policy: 'review' });
    const author = await createContributor(t.app.db, { workshopId: workshop.id });
    const pending = [
      await insertEntry(t.app.db, { status: 'pending', workshopId: workshop.id, createdBy: author }),
      await insertEntry(t.app.db, { status: 'pending', workshopId: workshop.id, createdBy: author }),
    ];
    const onOther = await openLive(`${other.url}/api/live?workshop=${workshop.code}`);
    const onThis = await openLive(`${base}/api/live?workshop=${workshop.code}`);

    // Approved through this process's API: the other process's client sees it.
    const first = await t.app.inject({
      method: 'POST',
      url: `/api/workshops/${workshop.code}/moderate`,
      headers: adminAuth,
      payload: { ids: [pending[0]?.id], action: 'approve' },
    });
    const firstRevision = first.json().updated[0].revision as string;
    await onOther.waitFor((e) => e.id === firstRevision);

    // And the other way round.
    const second = await fetch(`${other.url}/api/workshops/${workshop.code}/moderate`, {
      method: 'POST',
      headers: { ...adminAuth, 'content-type': 'application/json' },
      body: JSON.stringify({ ids: [pending[1]?.id], action: 'approve' }),
    });
    expect(second.status).toBe(200);
    const secondRevision = ((await second.json()) as { updated: { revision: string }[] }).updated[0]
      ?.revision;
    await onThis.waitFor((e) => e.id === secondRevision);
    await onOther.waitFor((e) => e.id === secondRevision);
    for (const live of [onThis, onOther]) {
      expect(live.events.filter((e) => e.event === 'change').map((e) => e.id)).toEqual([
        firstRevision,
        secondRevision,
      ]);
    }

    // A participant's new entry through the other process's POST /api/entries: pending (review), so it
    // reaches the moderators of this process, not its public clients.
    const screen = await openLive(`${base}/api/live?workshop=${workshop.code}`, { headers: adminAuth });
    const created = await fetch(`${other.url}/api/entries`, {
      method: 'POST',
      headers: { ...author.headers, 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [4.83, 45.76] },
        properties: { kind: 'place', name: 'Écrit sur l’autre processus' },
      }),
    });
    expect(created.status).toBe(201);
    const createdId = ((await created.json()) as { id: string }).id;
    const arrived = await screen.waitFor(
      (e) => e.event === 'change' && JSON.parse(e.data).entry.id === createdId,
    );
    expect(JSON.parse(arrived.data).entry.properties.status).toBe('pending');
    expect(onThis.events.some((e) => e.id === arrived.id)).toBe(false);
    screen.close();

    // Closing on one process reaches the clients of the other.
    await fetch(`${other.url}/api/workshops/${workshop.code}/close`, { method: 'POST', headers: adminAuth });
    await onThis.waitFor((e) => e.event === 'status' && JSON.parse(e.data).status === 'closed');
    onThis.close();
    onOther.close();
  });

  it('counts presence across processes', async () => {
    const workshop = await createWorkshop(t.app.db);
    const alex = await createContributor(t.app.db, { workshopId: workshop.id, displayName: 'Alex' });
    const billie = await createContributor(t.app.db, { workshopId: workshop.id, displayName: 'Billie' });
    const screen = await openLive(`${base}/api/live?workshop=${workshop.code}`);
    const count = (n: number) =>
      screen.waitFor(
        (e) => e.event === 'presence' && JSON.parse(e.data).count === n,
        10_000,
        `presence ${n}`,
      );
    const alexLive = await openLive(`${other.url}/api/live?token=${alex.token}`);
    await count(1);
    const billieLive = await openLive(`${base}/api/live?token=${billie.token}`);
    await count(2);
    alexLive.close();
    await screen.waitFor(
      (e) =>
        e.event === 'presence' &&
        JSON.stringify(JSON.parse(e.data).participants.map((p: { displayName: string }) => p.displayName)) ===
          '["Billie"]',
    );
    billieLive.close();
    screen.close();
  });
});
