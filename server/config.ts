/** Runtime configuration, read once from the environment and checked before anything starts. */
export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  adminToken: string | undefined;
  basemapStyle: string | undefined;
  embedOrigins: string[];
  logLevel: string;
  publicUrl: string | undefined;
  /** An address search service (off unless set): the client calls it directly, so it is an admin's choice. */
  geocoderUrl: string | undefined;
  /** Which proxies may set X-Forwarded-For/-Proto (Fastify's trustProxy): the client address and https depend on it. */
  trustProxy: boolean | string;
  /** Extra origins allowed in the CSP's connect-src (tiles or glyphs of ATLAS_BASEMAP_STYLE on another host). */
  cspConnectOrigins: string[];
  /** Socket timeouts in milliseconds: receiving a whole request, and an idle connection. */
  requestTimeoutMs: number;
  connectionTimeoutMs: number;
  /** Abuse limits per minute (0 disables one); see server/plugins/rate-limit.ts. */
  rateLimits: RateLimits;
}

/** Requests per minute; per address unless the name says per token. 0 means unlimited. */
export interface RateLimits {
  readsPerAddress: number;
  writesPerAddress: number;
  writesPerToken: number;
  importsPerToken: number;
  /** Import dry runs sent with `?dryRun=true`: the app's preview sends one at each mapping change. */
  importPreviewsPerToken: number;
  loginsPerAddress: number;
  reportsPerAddress: number;
  /** Simultaneous live-feed (SSE) connections per address. */
  liveConnectionsPerAddress: number;
}

/** A configuration mistake the operator must fix; main.ts prints its message on one line and exits. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = env.PORT === undefined || env.PORT === '' ? 8080 : Number(env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer between 0 and 65535, got "${env.PORT}"`);
  }
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  if (databaseUrl !== undefined) checkDatabaseUrl(databaseUrl, 'DATABASE_URL');
  const adminToken = env.ATLAS_ADMIN_TOKEN?.trim() || undefined;
  if (adminToken !== undefined && adminToken.length < 16) {
    throw new ConfigError('ATLAS_ADMIN_TOKEN must be at least 16 characters long');
  }
  return {
    port,
    host: env.HOST?.trim() || '127.0.0.1',
    databaseUrl,
    dataDir: env.ATLAS_DATA_DIR?.trim() || './data',
    demo: env.ATLAS_DEMO !== '0',
    adminToken,
    basemapStyle: env.ATLAS_BASEMAP_STYLE?.trim() || undefined,
    embedOrigins: (env.ATLAS_EMBED_ORIGINS ?? '')
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    publicUrl: env.ATLAS_PUBLIC_URL?.trim().replace(/\/$/, '') || undefined,
    geocoderUrl: env.ATLAS_GEOCODER_URL?.trim() || undefined,
    trustProxy: readTrustProxy(env.ATLAS_TRUST_PROXY),
    cspConnectOrigins: (env.ATLAS_CSP_CONNECT_SRC ?? '')
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    requestTimeoutMs: readInteger(env, 'ATLAS_REQUEST_TIMEOUT_MS', 30_000, 1),
    connectionTimeoutMs: readInteger(env, 'ATLAS_CONNECTION_TIMEOUT_MS', 120_000, 1),
    rateLimits: {
      readsPerAddress: readInteger(env, 'ATLAS_RATE_LIMIT_READS', 3000),
      writesPerAddress: readInteger(env, 'ATLAS_RATE_LIMIT_WRITES_PER_ADDRESS', 1200),
      writesPerToken: readInteger(env, 'ATLAS_RATE_LIMIT_WRITES', 60),
      importsPerToken: readInteger(env, 'ATLAS_RATE_LIMIT_IMPORTS', 6),
      importPreviewsPerToken: readInteger(env, 'ATLAS_RATE_LIMIT_IMPORT_PREVIEWS', 60),
      loginsPerAddress: readInteger(env, 'ATLAS_RATE_LIMIT_LOGINS', 10),
      reportsPerAddress: readInteger(env, 'ATLAS_RATE_LIMIT_REPORTS', 20),
      liveConnectionsPerAddress: readInteger(env, 'ATLAS_LIVE_MAX_PER_ADDRESS', 500),
    },
  };
}

function readInteger(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new ConfigError(`${name} must be an integer of at least ${min}, got "${raw}"`);
  }
  return value;
}

// Trusting every proxy would let any client choose its own address with X-Forwarded-For and step around
// the per-address limits, so the default trusts only a proxy on this machine.
// ATLAS_TRUST_PROXY: true, false, or addresses/subnets/names as proxy-addr reads them ("loopback, 10.0.0.0/8").
function readTrustProxy(raw: string | undefined): boolean | string {
  const value = raw?.trim();
  if (!value) return 'loopback';
  if (value === 'true') return true;
  if (value === 'false') return false;
  return value;
}

export function checkDatabaseUrl(value: string, name: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`${name} is not a valid URL (expected postgres://user@host:5432/database)`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`${name} must start with postgres:// or postgresql://, got "${url.protocol}//"`);
  }
  if (!url.hostname) throw new ConfigError(`${name} has no host`);
  return url;
}
