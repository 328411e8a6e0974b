import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { TokenInfo } from '../../contract/account';
import { HttpProblem } from '../../lib/http-problem';
import { ENV_ADMIN_ID, requireRole } from '../auth/actor';
import { findContributorForRevocation, listTokens, revokeContributor } from './token.repository';

const MANAGERS = ['admin', 'facilitator'] as const;

const TokenQuery = Type.Object(
  {
    workshop: Type.Optional(Type.String({ maxLength: 40 })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('revoked'), Type.Literal('all')])),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);

/**
 * Contributors' tokens: admins see and revoke all of them; a facilitator, those of the workshops they
 * created (a vandal at a forum is stopped on the spot). A revoked token answers 401 from then on.
 */
export async function tokenRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/api/tokens',
    {
      config: { roles: MANAGERS },
      schema: {
        summary: "List contributors' tokens (never the token itself)",
        tags: ['accounts'],
        querystring: TokenQuery,
        response: { 200: Type.Object({ tokens: Type.Array(TokenInfo), total: Type.Integer() }) },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, ['admin', 'facilitator']);
      reply.header('cache-control', 'no-store');
      return listTokens(app.db, {
        ownerId: actor.role === 'admin' ? undefined : actor.id,
        workshop: request.query.workshop,
        status: request.query.status ?? 'all',
        limit: request.query.limit ?? 200,
        offset: request.query.offset ?? 0,
      });
    },
  );

  app.post(
    '/api/tokens/:id/revoke',
    {
      config: { roles: MANAGERS },
      schema: {
        summary: "Revoke a contributor's token (and end the account's sessions)",
        tags: ['accounts'],
        params: Type.Object({ id: Type.String({ format: 'uuid' }) }),
        response: { 200: Type.Object({ id: Type.String(), revoked: Type.Boolean() }) },
      },
    },
    async (request) => {
      const actor = requireRole(request, ['admin', 'facilitator']);
      const { id } = request.params;
      const target = await findContributorForRevocation(app.db, id);
      if (!target) throw new HttpProblem(404, 'No contributor has this id.');
      if (id === ENV_ADMIN_ID)
        throw new HttpProblem(409, 'ATLAS_ADMIN_TOKEN is revoked by removing it from the environment.');
      if (id === actor.id) throw new HttpProblem(409, 'You cannot revoke yourself.');
      const allowed =
        actor.role === 'admin' || (target.role === 'contributor' && target.workshop_owner === actor.id);
      if (!allowed)
        throw new HttpProblem(403, 'Facilitators may revoke the participants of their own workshops only.');
      await revokeContributor(app.db, id);
      request.log.info({ revoked: id, by: actor.id }, 'token revoked');
      return { id, revoked: true };
    },
  );
}
