import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database';
import { findImport, toImportRecord } from './import.repository';

const POLL_MS = 400;
const HEARTBEAT_MS = 15_000;

/**
 * Streams an import's progress as Server-Sent Events: a `progress` event whenever its counters move
 * (`{status, counts}`), then one `end` event with the whole record, and the stream closes. It reads the
 * imports row, so it works whichever server process runs the import.
 */
export function streamImportProgress(
  db: Kysely<Database>,
  request: FastifyRequest,
  reply: FastifyReply,
  id: string,
  open: Set<() => void>,
): void {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  let closed = false;
  let last = '';
  let lastWrite = Date.now();
  const send = (event: string, data: unknown) => {
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    lastWrite = Date.now();
  };
  const finish = () => {
    closed = true;
    open.delete(finish);
    clearInterval(timer);
    if (!res.writableEnded) res.end();
  };
  const tick = async () => {
    const row = await findImport(db, id);
    if (closed) return;
    if (!row) return finish();
    const record = toImportRecord(row);
    const state = JSON.stringify({ status: record.status, counts: record.counts });
    if (state !== last) {
      last = state;
      send('progress', { id: record.id, status: record.status, counts: record.counts });
    } else if (Date.now() - lastWrite > HEARTBEAT_MS) {
      res.write(': heartbeat\n\n');
      lastWrite = Date.now();
    }
    if (record.status !== 'running' && record.status !== 'pending') {
      send('end', record);
      finish();
    }
  };
  let busy = false;
  const poll = () => {
    if (busy || closed) return;
    busy = true;
    tick()
      .catch((error) => {
        request.log.warn({ err: error }, 'import progress stream failed');
        finish();
      })
      .finally(() => {
        busy = false;
      });
  };
  const timer = setInterval(poll, POLL_MS);
  open.add(finish);
  poll();
  request.raw.on('close', finish);
}
