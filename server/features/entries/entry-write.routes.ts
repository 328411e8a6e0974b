import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ConditionalHeaders, EntryFeature, EntryIdParams, EntryPatch } from '../../contract/entry';
import { Problem } from '../../contract/problem';
import { strictBodyCompiler } from '../../lib/validator-compiler';
import { requireActor } from '../auth/actor';
import { requireIfMatch, writeScope } from './entry.access';
import type { WriteResult } from './entry.commit';
import { sendEntry } from './entry.reply';
import { type ConditionalWrite, patchEntry, setDeleted } from './entry.update';

const tags = ['entries'];
const responses = {
  200: EntryFeature,
  400: Problem,
  401: Problem,
  403: Problem,
  404: Problem,
  409: Problem,
  412: Problem,
  428: Problem,
};
const conditional =
  'Needs `If-Match` with the ETag of the version the change is based on: 428 without it, 412 (with ' +
  'the current entry in `entry`) when someone changed it since.';

/** PATCH, DELETE (soft) and restore: conditional writes, each one transaction with its revision. */
export async function entryWriteRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(strictBodyCompiler);
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  async function conditionalWrite(request: FastifyRequest): Promise<ConditionalWrite> {
    const actor = requireActor(request);
    const ifMatch = requireIfMatch(request);
    return { actor, ifMatch, scope: await writeScope(app.db, actor) };
  }

  function committed(result: WriteResult) {
    if (result.revisionId) app.liveBus.committed(result.revisionId);
  }

  app.patch(
    '/api/entries/:id',
    {
      schema: {
        summary: 'Change an entry',
        description: `Send only what changes; \`properties.address\` merges field by field, null clears. Moderators may change \`status\` (recorded as a status change). ${conditional}`,
        tags,
        security: [{ bearer: [] }],
        params: EntryIdParams,
        headers: ConditionalHeaders,
        body: EntryPatch,
        response: responses,
      },
    },
    async (request, reply) => {
      const write = await conditionalWrite(request);
      const result = await patchEntry(app.db, request.params.id, request.body, write);
      committed(result);
      return sendEntry(request, reply, result.row, 200);
    },
  );

  app.delete(
    '/api/entries/:id',
    {
      schema: {
        summary: 'Delete an entry (soft: it can be restored)',
        description: conditional,
        tags,
        security: [{ bearer: [] }],
        params: EntryIdParams,
        headers: ConditionalHeaders,
        response: responses,
      },
    },
    async (request, reply) => {
      const write = await conditionalWrite(request);
      const result = await setDeleted(app.db, request.params.id, true, write);
      committed(result);
      return sendEntry(request, reply, result.row, 200);
    },
  );

  app.post(
    '/api/entries/:id/restore',
    {
      schema: {
        summary: 'Restore a deleted entry',
        description: conditional,
        tags,
        security: [{ bearer: [] }],
        params: EntryIdParams,
        headers: ConditionalHeaders,
        response: responses,
      },
    },
    async (request, reply) => {
      const write = await conditionalWrite(request);
      const result = await setDeleted(app.db, request.params.id, false, write);
      committed(result);
      return sendEntry(request, reply, result.row, 200);
    },
  );
}
