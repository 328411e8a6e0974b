import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';

/** What the client needs to know of the server's configuration (nothing secret). */
export const ClientConfig = Type.Object({
  /** A MapLibre style URL set by the admin; null means the bundled offline basemap. */
  basemapStyle: Type.Union([Type.String(), Type.Null()]),
  /** Address search is off unless an admin configures a geocoder. */
  geocoder: Type.Union([Type.Object({ url: Type.String() }), Type.Null()]),
  publicUrl: Type.Union([Type.String(), Type.Null()]),
});

export async function configRoutes(app: FastifyInstance) {
  app.get(
    '/api/config',
    { schema: { summary: 'Client configuration', tags: ['meta'], response: { 200: ClientConfig } } },
    async () => ({
      basemapStyle: app.config.basemapStyle ?? null,
      geocoder: app.config.geocoderUrl ? { url: app.config.geocoderUrl } : null,
      publicUrl: app.config.publicUrl ?? null,
    }),
  );
}
