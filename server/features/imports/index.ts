import multipart from '@fastify/multipart';
import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { ImportRecord, type ImportRecord as ImportRecordType } from '../../contract/import';
import { HttpProblem } from '../../lib/http-problem';
import { type Actor, requireRole } from '../auth/actor';
import { BackgroundJobs } from './background-jobs';
import { ImportInputError } from './formats/format';
import type { ConcreteFormat } from './formats/index';
import { findImport, type ImportRow, listImports, toImportRecord } from './import.repository';
import { startImport } from './import.service';
import { IMPORT_MAX_BYTES, readImportInput } from './import-input';
import { streamImportProgress } from './progress-stream';
import { revertImport } from './revert';
import { previewSource, type SourcePreview } from './source-preview';

const MODERATORS = ['admin', 'facilitator'] as const;
const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const RAW_TYPES = [
  'text/csv',
  'text/plain',
  'text/tab-separated-values',
  'application/octet-stream',
  // Spreadsheets (XLS, XLSX, ODS) and KMZ maps: read from their bytes, whatever the label says.
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.google-earth.kmz',
  'application/zip',
  // KML and GPX as browsers and servers label them; the content decides the format all the same.
  'application/vnd.google-earth.kml+xml',
  'application/gpx+xml',
  'application/xml',
  'text/xml',
];

/**
 * Imports: POST /api/imports (a dry run answers 200 with the report; a real run answers 202 at once and
 * goes on in the background), GET /api/imports/:id (progress and report, for polling),
 * GET /api/imports/:id/progress (the same as Server-Sent Events), POST /api/imports/:id/revert.
 */
export async function importRoutes(app: FastifyInstance) {
  const jobs = new BackgroundJobs();
  const progressStreams = new Set<() => void>();
  const db = app.db;
  app.addHook('onClose', async () => {
    for (const finish of [...progressStreams]) finish();
    await jobs.stop();
  });
  await app.register(multipart, {
    limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 20, fieldSize: 1024 * 1024, parts: 25 },
  });
  app.addContentTypeParser(
    RAW_TYPES,
    { parseAs: 'buffer', bodyLimit: IMPORT_MAX_BYTES },
    (_request, body, done) => done(null, body),
  );
  // Only this plugin's limit differs from the app's: say so, and let the app's handler do the rest.
  app.setErrorHandler((error: FastifyError) => {
    if (error.statusCode === 413 && !(error instanceof HttpProblem)) {
      throw new HttpProblem(
        413,
        `The file is larger than the import limit of ${IMPORT_MAX_BYTES / 1024 / 1024} MB.`,
        {
          type: '/problems/too-large',
        },
      );
    }
    throw error;
  });

  app.post(
    '/api/imports',
    {
      bodyLimit: IMPORT_MAX_BYTES,
      schema: {
        summary:
          'Import a file (CSV, XLSX, ODS, GeoJSON, uMap, GoGoCarto, KML, KMZ, GPX, lieux de médiation numérique): dry run or real run',
        description:
          'Send JSON `{content | url, format?, mapping?, dryRun?, sourceName?, onDuplicate?}`, a multipart upload ' +
          '(a `file` part, the options as fields), or the raw file with the options in the query string. ' +
          'A dry run answers 200 with the report and writes no entry; a real run answers 202 and runs in ' +
          'batches: follow it with GET /api/imports/:id or GET /api/imports/:id/progress (SSE).',
        tags: ['imports'],
        security: [{ bearer: [] }],
        response: { 200: ImportRecord, 202: ImportRecord },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, MODERATORS);
      const input = await readImportInput(request);
      const options = input.request;
      try {
        const { record } = await startImport(
          { db, liveBus: app.liveBus, jobs, log: request.log },
          input.bytes,
          {
            ...(options.format ? { format: options.format } : {}),
            ...(options.mapping ? { mapping: options.mapping } : {}),
            dryRun: options.dryRun ?? false,
            sourceName: options.sourceName ?? defaultSourceName(input.filename, options.url),
            filename: input.filename,
            onDuplicate: options.onDuplicate ?? 'skip',
            actor: { id: actor.id, name: actor.displayName, role: actor.role },
            ...(options.url ? { extraOptions: { url: options.url } } : {}),
          },
        );
        if (record.dryRun) Object.assign(record.report, await sourcePreview(input.bytes, record, request));
        return reply
          .code(record.dryRun ? 200 : 202)
          .header('location', `/api/imports/${record.id}`)
          .send(record);
      } catch (error) {
        if (error instanceof ImportInputError) {
          throw new HttpProblem(422, error.message, {
            type: '/problems/unreadable-file',
            title: 'Unreadable file',
            extra: { code: error.code },
          });
        }
        throw error;
      }
    },
  );

  app.get(
    '/api/imports',
    {
      schema: {
        summary: 'The latest imports (dry runs only with `dryRuns=true`)',
        tags: ['imports'],
        security: [{ bearer: [] }],
        querystring: Type.Object({
          dryRuns: Type.Boolean({ default: false }),
          limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
        }),
        response: { 200: Type.Object({ imports: Type.Array(ImportRecord) }) },
      },
    },
    async (request) => {
      requireRole(request, MODERATORS);
      const { dryRuns, limit } = request.query as { dryRuns: boolean; limit: number };
      const rows = await listImports(db, { dryRuns, limit });
      return { imports: rows.map(toImportRecord) };
    },
  );

  app.get(
    '/api/imports/:id',
    {
      schema: {
        summary: 'An import: status, progress (counts.done of counts.total) and report',
        tags: ['imports'],
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 200: ImportRecord },
      },
    },
    async (request) => {
      requireRole(request, MODERATORS);
      return toImportRecord(await loadImport(request));
    },
  );

  app.get(
    '/api/imports/:id/progress',
    {
      schema: {
        summary: 'An import’s progress as Server-Sent Events: `progress` events, then one `end` event',
        tags: ['imports'],
        security: [{ bearer: [] }],
        params: IdParams,
      },
    },
    async (request, reply) => {
      requireRole(request, MODERATORS);
      const row = await loadImport(request);
      streamImportProgress(db, request, reply, row.id, progressStreams);
    },
  );

  app.post(
    '/api/imports/:id/revert',
    {
      schema: {
        summary: 'Undo an import: created entries deleted, updated entries restored, its links removed',
        tags: ['imports'],
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 200: ImportRecord },
      },
    },
    async (request) => {
      const actor = requireRole(request, MODERATORS);
      const row = await loadImport(request);
      checkCanRevert(actor, row);
      const claimed = await db
        .updateTable('imports')
        .set({ reverted_at: new Date() })
        .where('id', '=', row.id)
        .where('status', '=', 'done')
        .where('reverted_at', 'is', null)
        .returning('id')
        .executeTakeFirst();
      if (!claimed) throw new HttpProblem(409, 'This import is already being reverted.');
      await revertImport(db, app.liveBus, row.id, { id: actor.id, name: actor.displayName });
      return toImportRecord((await findImport(db, row.id))!);
    },
  );

  async function loadImport(request: FastifyRequest): Promise<ImportRow> {
    const { id } = request.params as { id: string };
    const row = await findImport(db, id);
    if (!row) throw new HttpProblem(404, `No import ${id}.`);
    return row;
  }
}

function checkCanRevert(actor: Actor, row: ImportRow): void {
  if (actor.role !== 'admin' && row.created_by !== actor.id) {
    throw new HttpProblem(403, 'Only an admin or the person who ran this import can revert it.');
  }
  if (row.dry_run) throw new HttpProblem(409, 'A dry run wrote nothing: there is nothing to revert.');
  if (row.status === 'running')
    throw new HttpProblem(409, 'This import is still running; revert it once it is done.');
  if (row.status === 'reverted' || row.reverted_at)
    throw new HttpProblem(409, 'This import was already reverted.');
  if (row.status !== 'done')
    throw new HttpProblem(409, `This import is ${row.status}: there is nothing to revert.`);
}

/** The dry run's extras for a preview; the report stands without them, so a failure here only logs. */
async function sourcePreview(
  bytes: Uint8Array,
  record: ImportRecordType,
  request: FastifyRequest,
): Promise<SourcePreview | Record<string, never>> {
  try {
    return await previewSource(
      bytes,
      record.format as ConcreteFormat,
      record.report.columns ?? [],
      record.report.mapping ?? {},
    );
  } catch (error) {
    request.log.warn({ err: error, importId: record.id }, 'import preview failed');
    return {};
  }
}

/** Without a sourceName, the file's name (no extension) or the URL's host and path names the source. */
export function defaultSourceName(filename: string | null, url: string | undefined): string {
  if (filename) return filename.replace(/\.[a-z0-9]{1,8}$/i, '').slice(0, 100) || 'import';
  if (url) {
    const u = new URL(url);
    return `${u.host}${u.pathname}`.replace(/\/$/, '').slice(0, 100);
  }
  return `import-${new Date().toISOString().slice(0, 10)}`;
}
