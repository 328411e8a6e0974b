import { EventEmitter } from 'node:events';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * The in-process signal that a revision was committed. Writers call `committed(id)` after their
 * transaction commits; the live hub listens. On PostgreSQL the hub also wakes on NOTIFY, so other
 * processes' writes arrive too; the hub always reads the revisions table, so a signal carries no payload.
 */
export class LiveBus extends EventEmitter {
  committed(revisionId: string | number): void {
    this.emit('committed', String(revisionId));
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    liveBus: LiveBus;
  }
}

export const liveBusPlugin = fp(async (app: FastifyInstance) => {
  const bus = new LiveBus();
  bus.setMaxListeners(0);
  app.decorate('liveBus', bus);
});
