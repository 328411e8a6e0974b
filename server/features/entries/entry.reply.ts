import type { FastifyReply, FastifyRequest } from 'fastify';
import { isModerator } from '../auth/actor';
import { emptyRelationSummary, relationSummary } from '../relations/relation.summary';
import { etag, toFeature } from './entry.mapper';
import type { EntryRow } from './entry.repository';

/**
 * Answers an entry with its ETag and relations summary; `contact` only for moderators. A 201 is an entry
 * this request created: no relation can point at it or from it yet, so none is read.
 */
export async function sendEntry(request: FastifyRequest, reply: FastifyReply, row: EntryRow, status: number) {
  const relations =
    status === 201 ? emptyRelationSummary() : await relationSummary(request.server.db, row.id);
  const feature = toFeature(row, { withPrivate: isModerator(request.actor), relations });
  return reply.code(status).header('etag', etag(row.version)).send(feature);
}
