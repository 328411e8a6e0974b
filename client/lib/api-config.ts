import { ApiError } from './api-error';
import { getJson } from './http';

/** What the server tells the client about its set-up (`GET /api/config`). */
export interface ClientConfig {
  /** A MapLibre style URL in place of the offline basemap, or null for the offline basemap. */
  basemapStyle: string | null;
  /** An address search service, or null when geocoding is off (the default). */
  geocoder: { url: string } | null;
}

export const DEFAULT_CONFIG: ClientConfig = { basemapStyle: null, geocoder: null };

/**
 * The server's client configuration. A server without the route (404) or with a broken answer gets the
 * defaults: the offline basemap, no geocoder; the app always works without them.
 */
export async function getConfig(signal?: AbortSignal): Promise<ClientConfig> {
  try {
    const body = await getJson<Partial<ClientConfig>>('/api/config', signal);
    const style = typeof body.basemapStyle === 'string' && body.basemapStyle ? body.basemapStyle : null;
    const geocoderUrl = body.geocoder && typeof body.geocoder.url === 'string' ? body.geocoder.url : null;
    return { basemapStyle: style, geocoder: geocoderUrl ? { url: geocoderUrl } : null };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    if (error.status !== 404) console.warn('GET /api/config failed; using the defaults', error);
    return DEFAULT_CONFIG;
  }
}
