import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Report, ReportInput } from '../../contract/moderation';
import { HttpProblem, invalidField } from '../../lib/http-problem';
import { isModerator, requireRole } from '../auth/actor';
import { hashToken } from '../auth/tokens';
import { toReport } from './report.mapper';
import { entryExists, fileReport, findReportableEntry, listEntryReports } from './report.repository';

const EntryParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Anyone may report a problem with an entry (closed, wrong, duplicate, off-charter); moderators read them. */
export async function reportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/api/entries/:id/reports',
    {
      config: { anonymous: true },
      schema: {
        summary: 'Report a problem with an entry (no token needed)',
        tags: ['moderation'],
        params: EntryParams,
        body: ReportInput,
        response: { 200: Report, 201: Report },
      },
    },
    async (request, reply) => {
      const actor = request.actor;
      const entryId = request.params.id;
      const entry = await findReportableEntry(app.db, entryId);
      // An entry that is not public is reported only by those who can see it; others learn nothing of it.
      const visible =
        entry && (entry.status === 'published' || isModerator(actor) || entry.created_by === actor?.id);
      if (!visible)
        throw new HttpProblem(404, 'No entry has this id.', { type: '/problems/entry-not-found' });
      const { duplicateOf } = request.body;
      if (duplicateOf && (duplicateOf === entryId || !(await entryExists(app.db, duplicateOf)))) {
        throw invalidField('/duplicateOf', 'must be the id of another entry');
      }
      const { row, created } = await fileReport(app.db, {
        ...request.body,
        entryId,
        reporterId: actor?.id ?? null,
        // Anonymous reporters are told apart by a hash of their address, which is never shown.
        reporterKey: actor ? `c:${actor.id}` : `a:${hashToken(request.ip)}`,
      });
      if (created) request.log.info({ report: row.id, entry: entryId, reason: row.reason }, 'entry reported');
      return reply.code(created ? 201 : 200).send(toReport(row, false));
    },
  );

  app.get(
    '/api/entries/:id/reports',
    {
      config: { roles: ['admin', 'facilitator'] },
      schema: {
        summary: 'Reports about an entry (moderators)',
        tags: ['moderation'],
        params: EntryParams,
        response: { 200: Type.Object({ reports: Type.Array(Report) }) },
      },
    },
    async (request) => {
      requireRole(request, ['admin', 'facilitator']);
      const rows = await listEntryReports(app.db, request.params.id);
      return { reports: rows.map((row) => toReport(row, true)) };
    },
  );
}
