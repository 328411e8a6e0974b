import type { IncomingMessage } from 'node:http';
import helmet from '@fastify/helmet';
import type { FastifyInstance, HTTPMethods } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config';
import { invalidField } from '../lib/http-problem';

/** One registered route, as the permission matrix and the abuse limits see it. */
export interface RouteInfo {
  method: HTTPMethods;
  url: string;
  /** The route accepts anonymous writes (`config: { anonymous: true }`). */
  anonymous: boolean;
  /** The roles the route declares (`config: { roles }`), if any. */
  roles: readonly string[] | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route registered after the security plugin (so: all of the app's routes). */
    routeCatalog: RouteInfo[];
  }
}

/** True for the light embed page, the only document other sites may frame. */
export function isEmbedPath(url: string | undefined): boolean {
  const path = (url ?? '/').split('?')[0] ?? '/';
  return path === '/embed' || path === '/embed.html' || path.startsWith('/embed/');
}

/** The origin of an absolute http(s) URL, or undefined (a relative style URL is same-origin already). */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The Content-Security-Policy directives; `frame-ancestors` depends on the page (see isEmbedPath). */
export function cspDirectives(config: Pick<Config, 'basemapStyle' | 'cspConnectOrigins' | 'embedOrigins'>) {
  const basemap = originOf(config.basemapStyle);
  const remote = [...new Set([...(basemap ? [basemap] : []), ...config.cspConnectOrigins])];
  const embedAncestors = config.embedOrigins.length > 0 ? ["'self'", ...config.embedOrigins].join(' ') : '*';
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'"],
    // MapLibre and small UI helpers set style attributes; CSSOM assignments need nothing, setAttribute does.
    'style-src-attr': ["'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', ...remote],
    'font-src': ["'self'"],
    'connect-src': ["'self'", ...remote],
    // MapLibre starts its workers from blob: URLs; child-src covers browsers without worker-src.
    'worker-src': ["'self'", 'blob:'],
    'child-src': ["'self'", 'blob:'],
    'manifest-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': [(req: IncomingMessage) => (isEmbedPath(req.url) ? embedAncestors : "'none'")],
  };
}

/**
 * Security headers on every response, through @fastify/helmet: a strict CSP (no inline script), nosniff,
 * no referrer, and no framing except the embed page. Register it before any route.
 */
export const securityPlugin = fp(async (app: FastifyInstance, opts: { config: Config }) => {
  const catalog: RouteInfo[] = [];
  app.decorate('routeCatalog', catalog);
  app.addHook('onRoute', (route) => {
    const config = route.config as { anonymous?: boolean; roles?: readonly string[] } | undefined;
    const anonymous = config?.anonymous === true;
    for (const method of [route.method].flat()) {
      catalog.push({ method: method as HTTPMethods, url: route.url, anonymous, roles: config?.roles });
    }
  });

  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(opts.config) },
    // Framing is decided per page below: X-Frame-Options cannot name several origins.
    frameguard: false,
    referrerPolicy: { policy: 'no-referrer' },
    // Browsers heed it over HTTPS only; no includeSubDomains: a self-hoster may share a domain.
    strictTransportSecurity: { maxAge: 15_552_000, includeSubDomains: false },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  });

  // PostgreSQL text cannot hold U+0000: refuse it up front with a 400 rather than fail in SQL with a 500.
  app.addHook('preValidation', async (request) => {
    for (const [part, value] of [
      ['body', request.body],
      ['query', request.query],
      ['params', request.params],
    ] as const) {
      const at = findNul(value, part === 'body' ? '' : `/${part}`);
      if (at !== null) throw invalidField(at, 'must not contain the NUL character (U+0000)');
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (!isEmbedPath(path)) reply.header('x-frame-options', 'DENY');
    // Public static files (the embed page's script, the basemap data) may be loaded by other sites.
    if (!path.startsWith('/api/')) reply.header('cross-origin-resource-policy', 'cross-origin');
    reply.header('permissions-policy', 'camera=(), microphone=(), payment=(), usb=(), geolocation=(self)');
  });
});

/** The JSON Pointer of the first string holding U+0000 in a parsed body or query, or null. */
export function findNul(value: unknown, path: string, seen = new Set<object>()): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value === null || typeof value !== 'object' || seen.has(value)) return null;
  // Never walk binary data or streams (a multipart file); `seen` stops at cycles between parts.
  if (
    ArrayBuffer.isView(value) ||
    value instanceof ArrayBuffer ||
    typeof (value as { pipe?: unknown }).pipe === 'function'
  ) {
    return null;
  }
  seen.add(value);
  for (const [key, item] of Object.entries(value)) {
    if (key.includes('\u0000')) return `${path}/${key}`;
    const found = findNul(item, `${path}/${key}`, seen);
    if (found !== null) return found;
  }
  return null;
}
