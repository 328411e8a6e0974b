import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import type { EntryStatus } from '../../../db/database';
import { EntryCollection, EntryStatus as EntryStatusSchema } from '../../contract/entry';
import { Problem } from '../../contract/problem';
import { ModerateInput, ModerateResult } from '../../contract/workshop';
import { toFeature } from '../entries/entry.mapper';
import { moderateEntries } from './moderation.repository';
import type { WorkshopRow } from './workshop.repository';
import { requireManager } from './workshop-access';
import { toCsv } from './workshop-csv';
import { readWorkshopEntries } from './workshop-entries';

const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) });
const ExportQuery = Type.Object(
  { status: Type.Optional(Type.Array(EntryStatusSchema, { maxItems: 4 })) },
  { additionalProperties: false },
);
// An export holds what the workshop produced and kept: rejected entries only when asked for.
const DEFAULT_EXPORT: EntryStatus[] = ['published', 'pending'];

/** The moderation queue, moderation (one or many), and the workshop's exports: for its facilitators. */
export async function moderationRoutes(
  app: FastifyInstance,
  opts: { load(request: FastifyRequest): Promise<WorkshopRow> },
) {
  const tags = ['workshops'];
  const security = [{ bearer: [] }];

  app.get(
    '/api/workshops/:code/pending',
    {
      schema: {
        summary: 'The entries of this workshop waiting for a facilitator, oldest first',
        tags,
        security,
        params: CodeParams,
        response: { 200: EntryCollection, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) => {
      const row = await opts.load(request);
      requireManager(request, row);
      const entries = await readWorkshopEntries(app.db, row.id, ['pending']);
      return {
        type: 'FeatureCollection',
        features: entries.map((e) => toFeature(e, { withPrivate: true })),
        next: null,
      };
    },
  );

  app.post(
    '/api/workshops/:code/moderate',
    {
      schema: {
        summary: 'Approve or reject pending entries of this workshop, one or many at once',
        tags,
        security,
        params: CodeParams,
        body: ModerateInput,
        response: { 200: ModerateResult, 400: Problem, 401: Problem, 403: Problem, 404: Problem },
      },
    },
    async (request) => {
      const row = await opts.load(request);
      const actor = requireManager(request, row);
      const body = request.body as ModerateInput;
      const { lastRevisionId, ...result } = await moderateEntries(app.db, {
        workshopId: row.id,
        ids: body.ids,
        action: body.action,
        actor,
      });
      if (lastRevisionId) app.liveBus.committed(lastRevisionId);
      return result;
    },
  );

  app.get(
    '/api/workshops/:code/export.geojson',
    {
      schema: {
        summary: 'What the workshop produced, as GeoJSON (published and pending unless `status` says)',
        tags,
        security,
        params: CodeParams,
        querystring: ExportQuery,
        produces: ['application/geo+json'],
      },
    },
    async (request, reply) => {
      const { row, features } = await exportFeatures(request);
      const body = { type: 'FeatureCollection', name: row.title, features };
      return reply
        .type('application/geo+json; charset=utf-8')
        .header('content-disposition', attachment(row.code, 'geojson'))
        .send(JSON.stringify(body));
    },
  );

  app.get(
    '/api/workshops/:code/export.csv',
    {
      schema: {
        summary: 'What the workshop produced, as CSV (UTF-8 with BOM, one row per entry)',
        tags,
        security,
        params: CodeParams,
        querystring: ExportQuery,
        produces: ['text/csv'],
      },
    },
    async (request, reply) => {
      const { row, features } = await exportFeatures(request);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(row.code, 'csv'))
        .send(toCsv(features));
    },
  );

  async function exportFeatures(request: FastifyRequest) {
    const row = await opts.load(request);
    requireManager(request, row);
    const statuses = (request.query as { status?: EntryStatus[] }).status ?? DEFAULT_EXPORT;
    const entries = await readWorkshopEntries(app.db, row.id, statuses);
    return { row, features: entries.map((e) => toFeature(e, { withPrivate: true })) };
  }
}

function attachment(code: string, extension: string): string {
  return `attachment; filename="atelier-${code}.${extension}"`;
}
