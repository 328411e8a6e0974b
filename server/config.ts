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
  };
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
