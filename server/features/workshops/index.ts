import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { type Static, Type } from 'typebox';
import { Problem } from '../../contract/problem';
import { JoinInput, JoinResult, Workshop, WorkshopInput } from '../../contract/workshop';
import { invalidField } from '../../lib/http-problem';
import { requireRole } from '../auth/actor';
import { hashToken, newToken } from '../auth/tokens';
import { emitWorkshopSignal, notifyWorkshop } from '../live/live-channels';
import { readPresence } from '../live/presence.repository';
import { normalizeJoinCode } from './join-code';
import { moderationRoutes } from './moderation-routes';
import { joinUrl, toWorkshop } from './workshop.mapper';
import {
  findWorkshopByCode,
  insertWorkshop,
  insertWorkshopMember,
  isValidArea,
  listWorkshops,
  setWorkshopStatus,
  unknownThemes,
  type WorkshopRow,
  workshopCounts,
  workshopParticipants,
} from './workshop.repository';
import { canManage, requireManager, workshopClosed, workshopNotFound } from './workshop-access';

export const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) });
type CodeParams = Static<typeof CodeParams>;

const MemberResult = Type.Object({
  token: Type.String(),
  contributor: Type.Object({ id: Type.String(), displayName: Type.String(), role: Type.String() }),
});

/** Workshops: create, read, join, close and reopen, QR code; moderation and export in moderation-routes. */
export async function workshopRoutes(app: FastifyInstance) {
  const tags = ['workshops'];

  /** The workshop of `:code`, or a 404 problem. */
  async function load(request: FastifyRequest): Promise<WorkshopRow> {
    const code = normalizeJoinCode((request.params as CodeParams).code);
    const row = await findWorkshopByCode(app.db, code);
    if (!row) throw workshopNotFound(code);
    return row;
  }

  function baseUrl(request: FastifyRequest): string {
    return app.config.publicUrl ?? `${request.protocol}://${request.host}`;
  }

  async function view(request: FastifyRequest, row: WorkshopRow): Promise<Workshop> {
    const [counts, online] = await Promise.all([
      workshopCounts(app.db, row.id),
      readPresence(app.db, row.id, app.liveHub.settings.presenceTtlMs),
    ]);
    const manage = canManage(request.actor, row)
      ? {
          joinUrl: joinUrl(baseUrl(request), row.code),
          participants: await workshopParticipants(app.db, row.id),
        }
      : undefined;
    return toWorkshop({ row, counts, online: online.length, ...(manage ? { manage } : {}) });
  }

  app.post(
    '/api/workshops',
    {
      schema: {
        summary: 'Create a workshop (admins and facilitators)',
        tags,
        security: [{ bearer: [] }],
        body: WorkshopInput,
        response: { 201: Workshop, 400: Problem, 401: Problem, 403: Problem },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, ['admin', 'facilitator']);
      const input = request.body as WorkshopInput;
      if (input.startsAt && input.endsAt && Date.parse(input.endsAt) < Date.parse(input.startsAt)) {
        throw invalidField('/endsAt', 'must not be before startsAt');
      }
      if (input.area) {
        const check = await isValidArea(app.db, input.area);
        if (!check.valid) throw invalidField('/area', `is not a valid polygon: ${check.reason}`);
      }
      const missing = await unknownThemes(app.db, input.defaultThemes ?? []);
      if (missing.length > 0) throw invalidField('/defaultThemes', `unknown theme: ${missing.join(', ')}`);
      const row = await insertWorkshop(app.db, input, actor.id);
      reply.code(201).header('location', `/api/workshops/${row.code}`);
      return view(request, row);
    },
  );

  app.get(
    '/api/workshops',
    {
      schema: {
        summary: 'The workshops this facilitator manages (all of them for an admin), newest first',
        tags,
        security: [{ bearer: [] }],
        response: { 200: Type.Object({ workshops: Type.Array(Workshop) }), 401: Problem, 403: Problem },
      },
    },
    async (request) => {
      const actor = requireRole(request, ['admin', 'facilitator']);
      const scope = actor.role === 'admin' ? null : { createdBy: actor.id, workshopId: actor.workshopId };
      const rows = await listWorkshops(app.db, scope, 100);
      const workshops: Workshop[] = [];
      for (const row of rows) workshops.push(await view(request, row));
      return { workshops };
    },
  );

  app.get(
    '/api/workshops/:code',
    {
      schema: {
        summary: 'A workshop: public facts and counts; its facilitators also get `manage`',
        tags,
        params: CodeParams,
        response: { 200: Workshop, 404: Problem },
      },
    },
    async (request) => view(request, await load(request)),
  );

  app.get(
    '/api/workshops/:code/qr.svg',
    {
      schema: {
        summary: "The QR code of the workshop's join URL, as SVG",
        tags,
        params: CodeParams,
        produces: ['image/svg+xml'],
      },
    },
    async (request, reply) => {
      const row = await load(request);
      const svg = await QRCode.toString(joinUrl(baseUrl(request), row.code), {
        type: 'svg',
        errorCorrectionLevel: 'M',
        margin: 2,
      });
      return reply
        .type('image/svg+xml; charset=utf-8')
        .header('cache-control', 'public, max-age=300')
        .send(svg);
    },
  );

  app.post(
    '/api/workshops/:code/join',
    {
      config: { anonymous: true },
      schema: {
        summary: 'Join a workshop with a display name: answers a contributor token, shown once',
        tags,
        params: CodeParams,
        body: JoinInput,
        response: { 201: JoinResult, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const row = await load(request);
      if (row.status === 'closed') throw workshopClosed(row.code);
      const displayName = (request.body as JoinInput).displayName.trim();
      const token = newToken();
      const member = await insertWorkshopMember(app.db, {
        workshopId: row.id,
        displayName,
        role: 'contributor',
        tokenHash: hashToken(token),
      });
      reply.code(201);
      return {
        token,
        contributor: { id: member.id, displayName, role: 'contributor' },
        workshop: await view(request, row),
      };
    },
  );

  app.post(
    '/api/workshops/:code/facilitators',
    {
      schema: {
        summary:
          'Give someone a facilitator token for this workshop (for the projector screen, a co-facilitator)',
        tags,
        security: [{ bearer: [] }],
        params: CodeParams,
        body: JoinInput,
        response: { 201: MemberResult, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const row = await load(request);
      requireManager(request, row);
      const displayName = (request.body as JoinInput).displayName.trim();
      const token = newToken();
      const member = await insertWorkshopMember(app.db, {
        workshopId: row.id,
        displayName,
        role: 'facilitator',
        tokenHash: hashToken(token),
      });
      reply.code(201);
      return { token, contributor: { id: member.id, displayName, role: 'facilitator' } };
    },
  );

  for (const [action, status] of [
    ['close', 'closed'],
    ['reopen', 'open'],
  ] as const) {
    app.post(
      `/api/workshops/:code/${action}`,
      {
        schema: {
          summary:
            action === 'close'
              ? 'Close the workshop: joins and contributions are then refused'
              : 'Open a closed workshop again',
          tags,
          security: [{ bearer: [] }],
          params: CodeParams,
          response: { 200: Workshop, 401: Problem, 403: Problem, 404: Problem },
        },
      },
      async (request) => {
        const row = await load(request);
        requireManager(request, row);
        const signal = { kind: 'status', workshopId: row.id } as const;
        const changed = await app.db.transaction().execute(async (trx) => {
          const done = await setWorkshopStatus(trx, row.id, status);
          if (done) await notifyWorkshop(trx, signal);
          return done;
        });
        if (changed) emitWorkshopSignal(app.liveBus, signal);
        return view(request, { ...row, status });
      },
    );
  }

  await app.register(moderationRoutes, { load });
}
