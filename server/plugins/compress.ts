import compress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

// gzip/brotli for pages, scripts, the basemap GeoJSON and API answers. Never for Server-Sent Events,
// which a compressor would buffer.
const COMPRESSIBLE =
  /^(text\/(?!event-stream)|application\/(json|geo\+json|problem\+json|ld\+json|javascript)|image\/svg)/;

export const compressPlugin = fp(async (app: FastifyInstance) => {
  await app.register(compress, { global: true, threshold: 1024, customTypes: COMPRESSIBLE });
});
