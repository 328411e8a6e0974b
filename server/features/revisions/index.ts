import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { ConditionalHeaders, EntryFeature, EntryIdParams } from '../../contract/entry';
import { Problem } from '../../contract/problem';
import { RevertInput, RevisionList, RevisionQuery } from '../../contract/revision';
import { strictBodyCompiler } from '../../lib/validator-compiler';
import { isModerator, requireActor } from '../auth/actor';
import { canSee, entryNotFound, requireIfMatch, writeScope } from '../entries/entry.access';
import { sendEntry } from '../entries/entry.reply';
import { readEntry } from '../entries/entry.repository';
import { entryRevisions } from './revision.history';
import { toRevision } from './revision.mapper';
import { revertEntry } from './revision.revert';

const tags = ['revisions'];

/** An entry's history, and revert to one of its revisions. */
export async function revisionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(strictBodyCompiler);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  app.get(
    '/api/entries/:id/revisions',
    {
      schema: {
        summary: "An entry's history, newest first",
        description: 'Each revision lists the changed fields as `{field: [before, after]}`.',
        tags,
        params: EntryIdParams,
        querystring: RevisionQuery,
        response: { 200: RevisionList, 400: Problem, 404: Problem },
      },
    },
    async (request) => {
      const row = await readEntry(app.db, request.params.id, false);
      if (!row || !canSee(request.actor, row)) throw entryNotFound(request.params.id);
      const limit = request.query.limit ?? 100;
      const rows = await entryRevisions(app.db, row.id, { limit, before: request.query.before ?? null });
      const page = rows.slice(0, limit);
      const withPrivate = isModerator(request.actor);
      return {
        revisions: page.map((r) => toRevision(r, withPrivate)),
        next: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
      };
    },
  );

  app.post(
    '/api/entries/:id/revert',
    {
      schema: {
        summary: 'Bring an entry back to how it was after one of its revisions',
        description:
          'Writes a new revision (op `revert`); nothing is rewritten. Needs `If-Match` like any write. ' +
          'Only moderators bring a former status back.',
        tags,
        security: [{ bearer: [] }],
        params: EntryIdParams,
        headers: ConditionalHeaders,
        body: RevertInput,
        response: {
          200: EntryFeature,
          400: Problem,
          401: Problem,
          403: Problem,
          404: Problem,
          409: Problem,
          412: Problem,
          428: Problem,
        },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const ifMatch = requireIfMatch(request);
      const scope = await writeScope(app.db, actor);
      const result = await revertEntry(app.db, request.params.id, request.body.revision, {
        actor,
        ifMatch,
        scope,
      });
      if (result.revisionId) app.liveBus.committed(result.revisionId);
      return sendEntry(request, reply, result.row, 200);
    },
  );
}
