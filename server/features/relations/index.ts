import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { Problem } from '../../contract/problem';
import { Relation, RelationInput, RelationList, RelationQuery } from '../../contract/relation';
import { invalidFields } from '../../lib/validation-problem';
import { strictBodyCompiler } from '../../lib/validator-compiler';
import { isModerator, requireActor } from '../auth/actor';
import { writeScope } from '../entries/entry.access';
import { toRelation } from './relation.mapper';
import { listRelations } from './relation.repository';
import { createRelation, removeRelation } from './relation.writes';

const tags = ['relations'];
const RelationIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** Typed links between entries: list, create, delete. */
export async function relationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(strictBodyCompiler);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  app.get(
    '/api/relations',
    {
      schema: {
        summary: 'List relations between entries',
        description: 'Filter by `entry` (either end), `from`, `to` and `type`; pages follow `next`.',
        tags,
        querystring: RelationQuery,
        response: { 200: RelationList, 400: Problem },
      },
    },
    async (request) => {
      const { limit = 100, cursor, ...filter } = request.query;
      if (cursor !== undefined && !/^[0-9a-f-]{36}$/i.test(cursor)) {
        throw invalidFields([{ path: '/querystring/cursor', message: 'is not a cursor of this list' }]);
      }
      const rows = await listRelations(app.db, {
        ...filter,
        ...(cursor ? { after: cursor } : {}),
        limit,
        all: isModerator(request.actor),
      });
      const page = rows.slice(0, limit);
      return {
        relations: page.map(toRelation),
        next: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
      };
    },
  );

  app.post(
    '/api/relations',
    {
      schema: {
        summary: 'Link two entries',
        description:
          '`member_of`: a place or network → a network; `uses`, `maintains`, `contributes_to`: a place or ' +
          'network → a resource; `partner_of`: between places and networks, either way. The same link ' +
          'twice is a 409.',
        tags,
        security: [{ bearer: [] }],
        body: RelationInput,
        response: { 200: Relation, 201: Relation, 400: Problem, 401: Problem, 403: Problem, 409: Problem },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const result = await createRelation(app.db, actor, await writeScope(app.db, actor), request.body);
      if (result.revisionId) app.liveBus.committed(result.revisionId);
      if (result.created) reply.header('location', `/api/relations/${result.relation.id}`);
      return reply.code(result.created ? 201 : 200).send(toRelation(result.relation));
    },
  );

  app.delete(
    '/api/relations/:id',
    {
      schema: {
        summary: 'Remove a link',
        tags,
        security: [{ bearer: [] }],
        params: RelationIdParams,
        response: { 204: Type.Null(), 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const revisionId = await removeRelation(
        app.db,
        actor,
        await writeScope(app.db, actor),
        request.params.id,
      );
      if (revisionId) app.liveBus.committed(revisionId);
      return reply.code(204).send(null);
    },
  );
}
