import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { APP_VERSION } from '../version';

/** OpenAPI document at /api/docs/json, browsable at /api/docs (assets served by us, not a CDN). */
export const openapiPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Atlas des communs API',
        version: APP_VERSION,
        description:
          'Entries (places, networks, commons resources) travel as GeoJSON Features. Errors are ' +
          'application/problem+json (RFC 9457). Writes need `Authorization: Bearer <token>`.',
      },
      components: {
        securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      },
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // swagger-ui's own CSP asks browsers to upgrade to HTTPS, which breaks the docs on a plain-HTTP LAN address.
    transformStaticCSP: (header) => header.replace(/upgrade-insecure-requests;?\s*/, ''),
  });
});
