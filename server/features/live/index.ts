import type { OutgoingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { LiveQuery } from '../../contract/live-event';
import { Problem } from '../../contract/problem';
import { HttpProblem } from '../../lib/http-problem';
import { acquireLiveSlot } from '../../plugins/rate-limit';
import { normalizeJoinCode } from '../workshops/join-code';
import { findWorkshopByCode, findWorkshopById } from '../workshops/workshop.repository';
import { workshopNotFound } from '../workshops/workshop-access';
import { LiveClient } from './live-client';
import { actorFromToken } from './query-token';

const DESCRIPTION = `Server-Sent Events.

- \`change\`: one committed revision; the SSE \`id\` is the revision id and \`data\` is \`{revision, entry}\`
  (the entry as a GeoJSON Feature, as it was right after the revision).
- \`presence\`: \`{workshop, count, participants}\`, the participants connected now (with \`?workshop=\`, or
  for a participant's token).
- \`status\`: \`{workshop, status, title}\` when the workshop is opened or closed.
- \`ready\`: the replay is over; what follows is live.

\`Last-Event-ID\` (sent by EventSource on reconnect) or \`?since=\` replays the revisions after that id.
Pending entries reach only moderators and their author. A comment line is sent at least every 20 s.
The token may come as \`?token=\` since EventSource cannot send headers.`;

/** GET /api/live: the live feed of committed changes (DESIGN §5). */
export async function liveRoutes(app: FastifyInstance) {
  app.get(
    '/api/live',
    {
      schema: {
        summary: 'Live feed of changes, presence and workshop status (Server-Sent Events)',
        description: DESCRIPTION,
        tags: ['live'],
        querystring: LiveQuery,
        produces: ['text/event-stream'],
        response: { 400: Problem, 401: Problem, 404: Problem },
      },
    },
    async (request, reply) => {
      const query = request.query as LiveQuery;
      let actor = request.actor;
      if (!actor && query.token) {
        actor = await actorFromToken(app, query.token);
        if (!actor) {
          throw new HttpProblem(401, 'This token is unknown or was revoked.', {
            headers: { 'www-authenticate': 'Bearer realm="atlas", error="invalid_token"' },
          });
        }
      }
      const since = readSince(request.headers['last-event-id'], query.since);

      let filter: { id: string; code: string } | null = null;
      if (query.workshop) {
        const code = normalizeJoinCode(query.workshop);
        const row = await findWorkshopByCode(app.db, code);
        if (!row) throw workshopNotFound(code);
        filter = { id: row.id, code: row.code };
      }
      let presenceWorkshop = filter;
      if (!presenceWorkshop && actor?.workshopId) {
        const row = await findWorkshopById(app.db, actor.workshopId);
        if (row) presenceWorkshop = { id: row.id, code: row.code };
      }

      const hub = app.liveHub;
      // Open streams hold memory and a socket: a cap per address, released when the stream ends.
      const release = acquireLiveSlot(request);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        // Headers the hooks set on the reply (CORS for embeds on other sites, security headers).
        ...(reply.getHeaders() as OutgoingHttpHeaders),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        // Tells nginx and the like not to buffer the stream.
        'x-accel-buffering': 'no',
      });
      // A write racing a disconnect must not become an unhandled 'error' event.
      res.on('error', () => {});
      res.write('retry: 2000\n\n');
      const client = new LiveClient(res, {
        actor,
        workshopId: filter?.id ?? null,
        presenceWorkshop,
        maxBufferedBytes: hub.settings.maxBufferedBytes,
      });
      res.on('close', () => {
        release();
        hub.remove(client).catch((error) => request.log.warn({ err: error }, 'live: leaving failed'));
      });
      try {
        await hub.add(client, since);
      } catch (error) {
        request.log.warn({ err: error }, 'live: replay failed; the client will reconnect');
        client.close();
      }
    },
  );
}

/** Last-Event-ID wins over ?since= (EventSource reconnects with the original URL and the newest id). */
function readSince(header: string | string[] | undefined, query: string | undefined): bigint | null {
  const value = (Array.isArray(header) ? header[0] : header)?.trim() || query;
  if (value === undefined || value === '') return null;
  if (!/^[0-9]{1,18}$/.test(value)) {
    throw new HttpProblem(400, 'Last-Event-ID must be a revision id (digits only).', {
      type: '/problems/validation',
      title: 'Invalid request',
      errors: [{ path: '/headers/last-event-id', message: 'must be digits' }],
    });
  }
  return BigInt(value);
}
