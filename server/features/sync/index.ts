import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { SyncSource, SyncSourceInput } from '../../contract/import';
import { HttpProblem } from '../../lib/http-problem';
import { requireRole } from '../auth/actor';
import { BackgroundJobs } from '../imports/background-jobs';
import type { ImportDeps } from '../imports/import.service';
import { checkSourceUrl, FetchRefused } from './safe-fetch';
import {
  deleteSyncSource,
  findSyncSource,
  insertSyncSource,
  listSyncSources,
  type SyncRow,
  toSyncSource,
} from './sync.repository';
import { runDueSyncs, runSync } from './sync.service';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const SCHEDULER_MS = 60_000;

/**
 * Sync sources (admins): a GeoJSON, GoGoCarto or uMap URL fetched again every `intervalMinutes` and on
 * demand (POST /api/sync-sources/:id/run, which answers 202: follow `lastStatus` and `lastImportId`).
 */
export async function syncRoutes(app: FastifyInstance) {
  const jobs = new BackgroundJobs();
  const deps = (request?: FastifyRequest): ImportDeps => ({
    db: app.db,
    liveBus: app.liveBus,
    jobs,
    log: request?.log ?? app.log,
  });
  // Every process ticks; claimSyncSource lets one of them run each due source.
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    timer = setInterval(() => {
      runDueSyncs(deps()).catch((error) => app.log.warn({ err: error }, 'sync scheduler tick failed'));
    }, SCHEDULER_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    await jobs.stop();
  });

  app.post(
    '/api/sync-sources',
    {
      config: { roles: ['admin'] },
      schema: {
        summary: 'Register a source to sync (admins)',
        tags: ['sync'],
        security: [{ bearer: [] }],
        body: SyncSourceInput,
        response: { 201: SyncSource },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, ['admin']);
      const body = request.body as SyncSourceInput;
      try {
        await checkSourceUrl(body.url);
      } catch (error) {
        if (error instanceof FetchRefused) {
          throw new HttpProblem(400, error.message, {
            type: '/problems/validation',
            title: 'Invalid request',
            errors: [{ path: '/url', message: error.message }],
          });
        }
        throw error;
      }
      const row = await insertSyncSource(app.db, {
        id: randomUUID(),
        name: body.name.trim(),
        url: body.url,
        format: body.format ?? 'auto',
        mapping: body.mapping ?? {},
        intervalMinutes: body.intervalMinutes ?? 1440,
        enabled: body.enabled ?? true,
        createdBy: actor.id,
      });
      if (!row) throw new HttpProblem(409, `A sync source named "${body.name}" exists already.`);
      return reply.code(201).header('location', `/api/sync-sources/${row.id}`).send(toSyncSource(row));
    },
  );

  app.get(
    '/api/sync-sources',
    {
      config: { roles: ['admin'] },
      schema: {
        summary: 'The sync sources',
        tags: ['sync'],
        security: [{ bearer: [] }],
        response: { 200: Type.Object({ sources: Type.Array(SyncSource) }) },
      },
    },
    async (request) => {
      requireRole(request, ['admin']);
      return { sources: (await listSyncSources(app.db)).map(toSyncSource) };
    },
  );

  app.get(
    '/api/sync-sources/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        summary: 'A sync source and its last run',
        tags: ['sync'],
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 200: SyncSource },
      },
    },
    async (request) => {
      requireRole(request, ['admin']);
      return toSyncSource(await load(request));
    },
  );

  app.post(
    '/api/sync-sources/:id/run',
    {
      config: { roles: ['admin'] },
      schema: {
        summary: 'Sync a source now (202; the run goes on in the background)',
        tags: ['sync'],
        security: [{ bearer: [] }],
        params: IdParams,
        response: { 202: SyncSource },
      },
    },
    async (request, reply) => {
      const actor = requireRole(request, ['admin']);
      const source = await load(request);
      const started = await runSync(deps(request), source.id, { id: actor.id, name: actor.displayName });
      if (!started) throw new HttpProblem(409, 'This source is being synced already.');
      return reply.code(202).send(toSyncSource((await findSyncSource(app.db, source.id))!));
    },
  );

  app.delete(
    '/api/sync-sources/:id',
    {
      config: { roles: ['admin'] },
      schema: {
        summary: 'Stop syncing a source (its entries stay)',
        tags: ['sync'],
        security: [{ bearer: [] }],
        params: IdParams,
      },
    },
    async (request, reply) => {
      requireRole(request, ['admin']);
      const source = await load(request);
      await deleteSyncSource(app.db, source.id);
      return reply.code(204).send();
    },
  );

  async function load(request: FastifyRequest): Promise<SyncRow> {
    const { id } = request.params as { id: string };
    const row = await findSyncSource(app.db, id);
    if (!row) throw new HttpProblem(404, `No sync source ${id}.`);
    return row;
  }
}
