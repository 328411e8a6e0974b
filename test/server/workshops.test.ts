import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/features/auth/tokens';
import { JOIN_CODE_ALPHABET } from '../../server/features/workshops/join-code';
import { adminAuth, buildTestApp, type TestApp } from '../helpers/app';
import { createContributor, createWorkshop, insertEntry, postEntry } from '../helpers/live-factories';
import { openLive } from '../helpers/sse';

const square = {
  type: 'Polygon',
  coordinates: [
    [
      [2.2, 48.8],
      [2.5, 48.8],
      [2.5, 48.95],
      [2.2, 48.95],
      [2.2, 48.8],
    ],
  ],
};

describe('workshops', () => {
  let t: TestApp;
  let base: string;

  beforeAll(async () => {
    t = await buildTestApp({ publicUrl: 'https://atlas.example.org' });
    t.app.liveHub.configure({ presenceThrottleMs: 50 });
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function create(body: Record<string, unknown>, headers: Record<string, string> = adminAuth) {
    return t.app.inject({ method: 'POST', url: '/api/workshops', headers, payload: body });
  }

  async function join(code: string, displayName: string) {
    return t.app.inject({ method: 'POST', url: `/api/workshops/${code}/join`, payload: { displayName } });
  }

  it('lets admins and facilitators create a workshop with a short code, a join URL and a QR code', async () => {
    const res = await create({
      title: 'Cartographier les communs',
      description: 'Forum des tiers-lieux',
      startsAt: '2026-06-12T09:00:00Z',
      endsAt: '2026-06-12T12:00:00Z',
      policy: 'review',
      area: square,
    });
    expect(res.statusCode).toBe(201);
    const workshop = res.json();
    expect(workshop.code).toMatch(new RegExp(`^[${JOIN_CODE_ALPHABET}]{6}$`));
    expect(res.headers.location).toBe(`/api/workshops/${workshop.code}`);
    expect(workshop).toMatchObject({
      title: 'Cartographier les communs',
      policy: 'review',
      status: 'open',
      startsAt: '2026-06-12T09:00:00.000Z',
      area: { type: 'MultiPolygon' },
      counts: { published: 0, participants: 0, online: 0 },
      manage: {
        joinUrl: `https://atlas.example.org/?join=${workshop.code}`,
        qrUrl: `/api/workshops/${workshop.code}/qr.svg`,
      },
    });

    const qr = await t.app.inject({ url: `/api/workshops/${workshop.code}/qr.svg` });
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(qr.body).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);

    const facilitator = await createContributor(t.app.db, { role: 'facilitator' });
    expect((await create({ title: 'Atelier du soir' }, facilitator.headers)).statusCode).toBe(201);
    const contributor = await createContributor(t.app.db);
    expect((await create({ title: 'Non' }, contributor.headers)).statusCode).toBe(403);
    expect((await create({ title: 'Non' }, {})).statusCode).toBe(401);
  });

  it('refuses bad input with problem+json pointing at the field', async () => {
    const dates = await create({
      title: 'x',
      startsAt: '2026-06-12T12:00:00Z',
      endsAt: '2026-06-12T09:00:00Z',
    });
    expect(dates.statusCode).toBe(400);
    expect(dates.json().errors).toEqual([{ path: '/endsAt', message: 'must not be before startsAt' }]);
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      ],
    };
    const area = await create({ title: 'x', area: bowtie });
    expect(area.statusCode).toBe(400);
    expect(area.json().errors[0].path).toBe('/area');
    const theme = await create({ title: 'x', defaultThemes: ['no-such-theme'] });
    expect(theme.statusCode).toBe(400);
    const policy = await create({ title: 'x', policy: 'anarchy' });
    expect(policy.statusCode).toBe(400);
    expect(policy.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('shows everyone the public facts and only facilitators the management view', async () => {
    const code = (await create({ title: 'Atelier public' })).json().code as string;
    const anonymous = await t.app.inject({ url: `/api/workshops/${code.toLowerCase()}` });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toMatchObject({ code, title: 'Atelier public', status: 'open', policy: 'open' });
    expect(anonymous.json().manage).toBeUndefined();
    const admin = await t.app.inject({ url: `/api/workshops/${code}`, headers: adminAuth });
    expect(admin.json().manage.counts).toEqual({ pending: 0, published: 0, rejected: 0, contributions: 0 });
    const otherFacilitator = await createContributor(t.app.db, { role: 'facilitator' });
    const other = await t.app.inject({ url: `/api/workshops/${code}`, headers: otherFacilitator.headers });
    expect(other.json().manage).toBeUndefined();
    expect((await t.app.inject({ url: '/api/workshops/ZZZZZZ' })).statusCode).toBe(404);
  });

  it('lists the workshops a facilitator manages, and all of them for an admin', async () => {
    const facilitator = await createContributor(t.app.db, { role: 'facilitator' });
    const mine = (await create({ title: 'Le mien' }, facilitator.headers)).json().code as string;
    const theirs = (await create({ title: 'Un autre' })).json().code as string;
    const listed = await t.app.inject({ url: '/api/workshops', headers: facilitator.headers });
    expect(listed.json().workshops.map((w: { code: string }) => w.code)).toEqual([mine]);
    const all = await t.app.inject({ url: '/api/workshops', headers: adminAuth });
    expect(all.json().workshops.map((w: { code: string }) => w.code)).toEqual(
      expect.arrayContaining([mine, theirs]),
    );
    expect((await t.app.inject({ url: '/api/workshops' })).statusCode).toBe(401);
  });

  it('gives a participant a contributor token of the workshop and stores only its hash', async () => {
    const code = (await create({ title: 'Atelier ouvert' })).json().code as string;
    const res = await join(code, '  Alex  ');
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.contributor).toMatchObject({ displayName: 'Alex', role: 'contributor' });
    expect(body.workshop.counts.participants).toBe(1);
    const row = await t.app.db
      .selectFrom('contributors')
      .selectAll()
      .where('id', '=', body.contributor.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(hashToken(body.token));
    expect(JSON.stringify(row)).not.toContain(body.token);
    expect(row.role).toBe('contributor');
    expect(row.workshop_id).toBe(body.workshop.manage?.id ?? row.workshop_id);
    const live = await openLive(`${base}/api/live?token=${body.token}`);
    expect(live.data('status')).toEqual([{ workshop: code, status: 'open', title: 'Atelier ouvert' }]);
    live.close();
    expect((await join(code, '   ')).statusCode).toBe(400);
  });

  it('closes: joins are refused with workshop-closed, live clients hear it, and it can reopen', async () => {
    const code = (await create({ title: 'Atelier à fermer' })).json().code as string;
    const live = await openLive(`${base}/api/live?workshop=${code}`);
    const participant = (await join(code, 'Sam')).json();
    const refused = await t.app.inject({
      method: 'POST',
      url: `/api/workshops/${code}/close`,
      headers: { authorization: `Bearer ${participant.token}` },
    });
    expect(refused.statusCode).toBe(403);

    const closed = await t.app.inject({
      method: 'POST',
      url: `/api/workshops/${code}/close`,
      headers: adminAuth,
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().status).toBe('closed');
    await live.waitFor((e) => e.event === 'status' && JSON.parse(e.data).status === 'closed');

    const late = await join(code, 'Retardataire');
    expect(late.statusCode).toBe(403);
    expect(late.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(late.json()).toMatchObject({ type: '/problems/workshop-closed', status: 403 });

    const reopened = await t.app.inject({
      method: 'POST',
      url: `/api/workshops/${code}/reopen`,
      headers: adminAuth,
    });
    expect(reopened.json().status).toBe('open');
    await live.waitFor((e) => e.event === 'status' && JSON.parse(e.data).status === 'open');
    expect((await join(code, 'Retardataire')).statusCode).toBe(201);
    live.close();
  });

  it('refuses contributions to a closed workshop with workshop-closed, and takes them again once reopened', async () => {
    const code = (await create({ title: 'Atelier court' })).json().code as string;
    const participant = (await join(code, 'Noa')).json();
    const headers = { authorization: `Bearer ${participant.token}` };
    const before = await postEntry(t.app, headers, { name: 'Avant la fermeture' });
    expect(before.status).toBe('published');
    await t.app.inject({ method: 'POST', url: `/api/workshops/${code}/close`, headers: adminAuth });

    const refused = await t.app.inject({
      method: 'POST',
      url: '/api/entries',
      headers,
      payload: {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [2, 48] },
        properties: { kind: 'place', name: 'Trop tard' },
      },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json()).toMatchObject({ type: '/problems/workshop-closed', status: 403 });
    const edit = await t.app.inject({
      method: 'PATCH',
      url: `/api/entries/${before.id}`,
      headers: { ...headers, 'if-match': '"1"' },
      payload: { properties: { name: 'Modifié trop tard' } },
    });
    expect(edit.statusCode).toBe(403);
    expect(edit.json().type).toBe('/problems/workshop-closed');

    await t.app.inject({ method: 'POST', url: `/api/workshops/${code}/reopen`, headers: adminAuth });
    expect((await postEntry(t.app, headers, { name: 'Après réouverture' })).status).toBe('published');
  });

  it("under review, keeps a participant's entries out of the public list and feed until approved", async () => {
    const code = (await create({ title: 'Atelier modéré', policy: 'review' })).json().code as string;
    const participant = (await join(code, 'Lou')).json();
    const headers = { authorization: `Bearer ${participant.token}` };
    const publicLive = await openLive(`${base}/api/live?workshop=${code}`);
    const screen = await openLive(`${base}/api/live?workshop=${code}`, { headers: adminAuth });

    const entry = await postEntry(t.app, headers, { name: 'Tiers-lieu à valider' });
    expect(entry.status).toBe('pending');
    await screen.waitFor((e) => e.id === entry.revision);
    const listed = async (query: string, auth: Record<string, string> = {}) =>
      (await t.app.inject({ url: `/api/entries?workshop=${code}${query}`, headers: auth }))
        .json()
        .features.map((f: { id: string }) => f.id);
    expect(await listed('')).toEqual([]);
    expect(await listed('&status=pending', adminAuth)).toEqual([entry.id]);
    expect(await listed('&status=pending', headers)).toEqual([entry.id]);

    const approved = await t.app.inject({
      method: 'POST',
      url: `/api/workshops/${code}/moderate`,
      headers: adminAuth,
      payload: { ids: [entry.id], action: 'approve' },
    });
    const revision = approved.json().updated[0].revision as string;
    const shown = await publicLive.waitFor((e) => e.id === revision);
    expect(JSON.parse(shown.data).entry.properties.status).toBe('published');
    expect(publicLive.events.filter((e) => e.event === 'change').map((e) => e.id)).toEqual([revision]);
    expect(await listed('')).toEqual([entry.id]);
    publicLive.close();
    screen.close();
  });

  it('lets a facilitator list, approve and reject pending entries, one or many, with status revisions', async () => {
    const workshop = await createWorkshop(t.app.db, { policy: 'review' });
    const facilitator = await createContributor(t.app.db, { role: 'facilitator', workshopId: workshop.id });
    const author = await createContributor(t.app.db, { workshopId: workshop.id });
    const [a, b, c] = [
      await postEntry(t.app, author.headers, { name: 'A' }),
      await postEntry(t.app, author.headers, { name: 'B' }),
      await postEntry(t.app, author.headers, { name: 'C' }),
    ];
    expect([a.status, b.status, c.status]).toEqual(['pending', 'pending', 'pending']);
    const publicLive = await openLive(`${base}/api/live?workshop=${workshop.code}`);

    const forbidden = await t.app.inject({
      url: `/api/workshops/${workshop.code}/pending`,
      headers: author.headers,
    });
    expect(forbidden.statusCode).toBe(403);
    const pending = await t.app.inject({
      url: `/api/workshops/${workshop.code}/pending`,
      headers: facilitator.headers,
    });
    expect(pending.json().features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual([
      'A',
      'B',
      'C',
    ]);

    const moderate = (ids: string[], action: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/workshops/${workshop.code}/moderate`,
        headers: facilitator.headers,
        payload: { ids, action },
      });
    const approved = await moderate([a.id, b.id], 'approve');
    expect(approved.statusCode).toBe(200);
    expect(
      approved
        .json()
        .updated.map((u: { id: string; status: string; version: number }) => [u.id, u.status, u.version]),
    ).toEqual([
      [a.id, 'published', 2],
      [b.id, 'published', 2],
    ]);
    const rejected = await moderate([c.id, a.id, '00000000-0000-4000-8000-00000000dead'], 'reject');
    expect(rejected.json()).toMatchObject({
      updated: [{ id: c.id, status: 'rejected' }],
      skipped: [
        { id: a.id, reason: 'not-pending' },
        { id: '00000000-0000-4000-8000-00000000dead', reason: 'not-found' },
      ],
    });

    const revisions = await t.app.db
      .selectFrom('revisions')
      .select(['entry_id', 'op', 'changes', 'actor_id', 'version'])
      .where('op', '=', 'status')
      .where('workshop_id', '=', workshop.id)
      .orderBy('id')
      .execute();
    expect(revisions).toEqual([
      {
        entry_id: a.id,
        op: 'status',
        changes: { status: ['pending', 'published'] },
        actor_id: facilitator.id,
        version: 2,
      },
      {
        entry_id: b.id,
        op: 'status',
        changes: { status: ['pending', 'published'] },
        actor_id: facilitator.id,
        version: 2,
      },
      {
        entry_id: c.id,
        op: 'status',
        changes: { status: ['pending', 'rejected'] },
        actor_id: facilitator.id,
        version: 2,
      },
    ]);

    // The public feed learns of the approved entries, never of the rejected one.
    const approvedIds = approved.json().updated.map((u: { revision: string }) => u.revision);
    await publicLive.waitFor((e) => e.id === approvedIds[1]);
    const marker = await postEntry(t.app, facilitator.headers);
    await publicLive.waitFor((e) => e.id === marker.revision);
    const seen = publicLive.events
      .filter((e) => e.event === 'change')
      .map((e) => JSON.parse(e.data).entry.id);
    expect(seen).toEqual([a.id, b.id, marker.id]);
    publicLive.close();

    const empty = await t.app.inject({
      url: `/api/workshops/${workshop.code}/pending`,
      headers: facilitator.headers,
    });
    expect(empty.json().features).toEqual([]);
  });

  it('exports what the workshop produced as GeoJSON and as a spreadsheet-safe CSV', async () => {
    const workshop = await createWorkshop(t.app.db);
    const author = await createContributor(t.app.db, { workshopId: workshop.id, displayName: 'Zoé' });
    await insertEntry(t.app.db, {
      workshopId: workshop.id,
      createdBy: author,
      name: 'Repair café, "le Bon Coin"',
      lng: -1.55,
      lat: 47.21,
    });
    await insertEntry(t.app.db, {
      workshopId: workshop.id,
      createdBy: author,
      name: '=HYPERLINK("http://x")',
    });
    await insertEntry(t.app.db, { workshopId: workshop.id, status: 'rejected', name: 'Refusé' });
    await insertEntry(t.app.db, { name: 'Ailleurs' });

    const anonymous = await t.app.inject({ url: `/api/workshops/${workshop.code}/export.csv` });
    expect(anonymous.statusCode).toBe(401);

    const geojson = await t.app.inject({
      url: `/api/workshops/${workshop.code}/export.geojson`,
      headers: adminAuth,
    });
    expect(geojson.statusCode).toBe(200);
    expect(geojson.headers['content-type']).toMatch(/^application\/geo\+json/);
    const collection = geojson.json();
    expect(collection.type).toBe('FeatureCollection');
    expect(collection.features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual([
      'Repair café, "le Bon Coin"',
      '=HYPERLINK("http://x")',
    ]);
    expect(collection.features[0].geometry).toEqual({ type: 'Point', coordinates: [-1.55, 47.21] });

    const csv = await t.app.inject({ url: `/api/workshops/${workshop.code}/export.csv`, headers: adminAuth });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers['content-disposition']).toContain(`atelier-${workshop.code}.csv`);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines[0]).toMatch(/^id,kind,name,summary,status,longitude,latitude,/);
    expect(lines[1]).toContain(',place,"Repair café, ""le Bon Coin""",,published,-1.55,47.21,');
    expect(lines[1]).toContain(',Zoé,');
    expect(lines[2]).toContain(`,place,"'=HYPERLINK(""http://x"")",`);
    expect(lines).toHaveLength(4);

    const all = await t.app.inject({
      url: `/api/workshops/${workshop.code}/export.geojson?status=rejected`,
      headers: adminAuth,
    });
    expect(all.json().features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual([
      'Refusé',
    ]);
  });

  it('keeps presence: who is connected moves with joins and leaves', async () => {
    const code = (await create({ title: 'Atelier présence' })).json().code as string;
    const screen = await openLive(`${base}/api/live?workshop=${code}`, { headers: adminAuth });
    const alex = (await join(code, 'Alex')).json();
    const billie = (await join(code, 'Billie')).json();
    const presence = () =>
      screen.data<{ count: number; participants: { displayName: string }[] }>('presence');
    const waitPresence = (names: string[]) =>
      screen.waitFor(
        (e) =>
          e.event === 'presence' &&
          JSON.stringify(
            JSON.parse(e.data)
              .participants.map((p: { displayName: string }) => p.displayName)
              .sort(),
          ) === JSON.stringify(names),
        10_000,
        `presence ${names.join(', ')}`,
      );

    const alexLive = await openLive(`${base}/api/live?token=${alex.token}`);
    await waitPresence(['Alex', 'admin']);
    const billieLive = await openLive(`${base}/api/live?workshop=${code}&token=${billie.token}`);
    await waitPresence(['Alex', 'Billie', 'admin']);
    expect(billieLive.data<{ count: number }>('presence').at(-1)?.count).toBe(3);
    alexLive.close();
    await waitPresence(['Billie', 'admin']);
    expect(presence().at(-1)?.count).toBe(2);

    const view = await t.app.inject({ url: `/api/workshops/${code}` });
    expect(view.json().counts).toMatchObject({ participants: 2, online: 2 });
    billieLive.close();
    screen.close();
  });
});
