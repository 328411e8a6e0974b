import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { BulkInput, BulkResult, ModerationQueue, Report, ResolveInput } from '../../contract/moderation';
import { HttpProblem } from '../../lib/http-problem';
import { requireRole } from '../auth/actor';
import { toReport } from '../reports/report.mapper';
import { selectReports } from '../reports/report.repository';
import { applyBulkStatus, readQueue, resolveReport, workshopIdByCode } from './moderation.repository';

const MODERATORS = ['admin', 'facilitator'] as const;

/** The atlas-wide moderation queue (pending entries, open reports) and the actions on it. */
export async function moderationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/moderation/queue',
    {
      config: { roles: MODERATORS },
      schema: {
        summary: 'Pending entries and open reports (moderators)',
        tags: ['moderation'],
        querystring: Type.Object(
          {
            workshop: Type.Optional(Type.String({ maxLength: 40 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: ModerationQueue },
      },
    },
    async (request, reply) => {
      requireRole(request, MODERATORS);
      reply.header('cache-control', 'no-store');
      let workshopId: string | undefined;
      if (request.query.workshop) {
        workshopId = await workshopIdByCode(app.db, request.query.workshop);
        if (!workshopId) throw new HttpProblem(404, `No workshop has the code "${request.query.workshop}".`);
      }
      const queue = await readQueue(app.db, { workshopId, limit: request.query.limit ?? 200 });
      return {
        pending: queue.pending,
        reports: queue.reportRows.flatMap(({ row, entry }) =>
          entry ? [{ ...toReport(row, true), entry }] : [],
        ),
        counts: queue.counts,
      };
    },
  );

  app.post(
    '/api/moderation/bulk',
    {
      config: { roles: MODERATORS },
      schema: {
        summary: 'Approve, reject or archive many entries at once; each change is a revision by you',
        tags: ['moderation'],
        body: BulkInput,
        response: { 200: BulkResult },
      },
    },
    async (request) => {
      const actor = requireRole(request, MODERATORS);
      const { ids, action, resolveReports, note } = request.body;
      const outcome = await applyBulkStatus(app.db, {
        ids,
        action,
        actor,
        resolveReports: resolveReports ?? false,
        note: note ?? null,
      });
      if (outcome.lastRevisionId) app.liveBus.committed(outcome.lastRevisionId);
      request.log.info({ action, changed: outcome.changed.length, by: actor.id }, 'bulk moderation');
      const { lastRevisionId: _internal, ...result } = outcome;
      return { action, ...result };
    },
  );

  app.post(
    '/api/moderation/reports/:id/resolve',
    {
      config: { roles: MODERATORS },
      schema: {
        summary: 'Close a report as resolved or dismissed (moderators)',
        tags: ['moderation'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        body: ResolveInput,
        response: { 200: Report },
      },
    },
    async (request) => {
      const actor = requireRole(request, MODERATORS);
      const id = request.params.id;
      const outcome = await resolveReport(app.db, {
        id,
        status: request.body?.status ?? 'resolved',
        actor,
        note: request.body?.note ?? null,
      });
      if (outcome === 'not-found') throw new HttpProblem(404, 'No report has this id.');
      if (outcome === 'already-closed') throw new HttpProblem(409, 'This report is closed already.');
      const row = await selectReports(app.db).where('r.id', '=', id).executeTakeFirstOrThrow();
      return toReport(row, true);
    },
  );
}
