import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import {
  EntryCollection,
  EntryFeature,
  EntryIdParams,
  EntryInput,
  EntryListQuery,
} from '../../contract/entry';
import { Problem } from '../../contract/problem';
import { invalidFields } from '../../lib/validation-problem';
import { strictBodyCompiler } from '../../lib/validator-compiler';
import { isModerator, requireActor } from '../auth/actor';
import { canSee, entryNotFound, writeScope } from './entry.access';
import { createEntry } from './entry.create';
import { parseListQuery } from './entry.filters';
import { listEntries } from './entry.list';
import { findWorkshopId, unknownThemeErrors } from './entry.lookup';
import { etag, toFeature } from './entry.mapper';
import { sendEntry } from './entry.reply';
import { readEntry } from './entry.repository';
import { entryWriteRoutes } from './entry-write.routes';
import { dataStamp, ListCache } from './list-cache';

const tags = ['entries'];
/** Memory for cached public list answers. */
const LIST_CACHE_BYTES = 64 * 1024 * 1024;
const problems = { 400: Problem, 401: Problem, 403: Problem, 404: Problem, 409: Problem, 413: Problem };

/** Entries: list with filters, read, create; PATCH, DELETE and restore in entry-write.routes. */
export async function entryRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(strictBodyCompiler);
  // The schemas document the answers; plain JSON.stringify serializes them faster than a union-aware one.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  const cache = new ListCache(LIST_CACHE_BYTES);

  app.get(
    '/api/entries',
    {
      schema: {
        summary: 'List entries (a FeatureCollection), filtered, one page at a time',
        description:
          'Pages follow a keyset cursor: pass `next` as `cursor` to get the following page; pages neither ' +
          'repeat nor skip entries while others write. Sorted oldest first, or nearest first with `near`, or ' +
          'best match first with `q`.',
        tags,
        querystring: EntryListQuery,
        response: { 200: EntryCollection, 304: Type.Null(), 400: Problem },
      },
    },
    async (request, reply) => {
      const parsed = parseListQuery(request.query);
      if (!parsed.valid) throw invalidFields(parsed.errors);
      const spec = parsed.spec;
      const moderator = isModerator(request.actor);
      const answer = async () => {
        if (spec.themes) {
          const errors = await unknownThemeErrors(app.db, spec.themes);
          if (errors.length > 0) throw invalidFields(errors);
        }
        const workshopId = spec.workshop ? await findWorkshopId(app.db, spec.workshop) : null;
        if (spec.workshop && !workshopId) {
          throw invalidFields([{ path: '/querystring/workshop', message: 'no workshop has this code' }]);
        }
        const viewer = { id: request.actor?.id ?? null, moderator };
        const { rows, next } = await listEntries(app.db, { ...spec, workshopId }, viewer);
        const features = rows.map((row) =>
          toFeature(row, { withPrivate: moderator, distance: row.distance }),
        );
        return JSON.stringify({ type: 'FeatureCollection', features, next });
      };
      reply.type('application/json; charset=utf-8');
      // The answer is the JSON text of an EntryCollection, sent as is (Fastify does not serialize strings).
      const send = (body: string) => reply.send(body as never);
      // Answers differ by viewer: only the public ones are shared.
      if (request.actor) return send(await answer());
      const stamp = await dataStamp(app.db);
      const tag = `W/"${stamp}"`;
      reply.header('etag', tag);
      if (request.headers['if-none-match'] === tag) return reply.code(304).send(null);
      return send(await cache.get(request.url, stamp, answer));
    },
  );

  app.get(
    '/api/entries/:id',
    {
      schema: {
        summary: 'Read an entry, with a summary of its relations',
        description: 'The `ETag` header is the entry version, to send back as `If-Match` when writing.',
        tags,
        params: EntryIdParams,
        response: { 200: EntryFeature, 304: Type.Null(), 400: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const row = await readEntry(app.db, request.params.id);
      if (!row || !canSee(request.actor, row)) throw entryNotFound(request.params.id);
      if (request.headers['if-none-match'] === etag(row.version)) return reply.code(304).send(null);
      return sendEntry(request, reply, row, 200);
    },
  );

  app.post(
    '/api/entries',
    {
      schema: {
        summary: 'Create an entry',
        description:
          'The body is a GeoJSON Feature. Choose its `id` (a uuid) to make retries safe: the same id with ' +
          'the same body answers 200 with the entry made by the first call; with another body, 409.',
        tags,
        security: [{ bearer: [] }],
        body: EntryInput,
        response: { 200: EntryFeature, 201: EntryFeature, ...problems },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      const scope = await writeScope(app.db, actor, request.body.properties.workshop);
      const result = await createEntry(app.database, actor, scope, request.body);
      if (result.revisionId) app.liveBus.committed(result.revisionId);
      if (result.created) reply.header('location', `/api/entries/${result.row.id}`);
      return sendEntry(request, reply, result.row, result.created ? 201 : 200);
    },
  );

  await app.register(entryWriteRoutes);
}
