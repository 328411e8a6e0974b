import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** The built client (dist/client): `/` is the app, `/embed` the light embed page. */
export const staticPlugin = fp(async (app: FastifyInstance, opts: { root?: string }) => {
  const root = resolve(opts.root ?? 'dist/client');
  if (!existsSync(root)) {
    app.log.warn({ root }, 'the client is not built (run npm run build); only the API is served');
    return;
  }
  await app.register(fastifyStatic, {
    root,
    index: ['index.html'],
    wildcard: true,
    cacheControl: false,
    setHeaders(res, path) {
      // Hashed assets never change; pages must be revalidated so a deploy is seen at once.
      res.header(
        'cache-control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.get('/embed', { schema: { hide: true } }, (_request, reply) => reply.sendFile('embed.html'));
});
