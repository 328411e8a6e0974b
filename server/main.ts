import { DatabaseUnavailableError } from '../db/connect';
import { ConfigError, readConfig } from './config';
import { type Started, startServer } from './start';

// The process entry: listen, and shut down cleanly on SIGTERM/SIGINT so the embedded database is closed
// properly. Operator mistakes print one line and exit non-zero; they never print a stack trace.

let started: Started | undefined;
try {
  started = await startServer(readConfig());
} catch (error) {
  console.error(`atlas: ${describeStartupError(error)}`);
  process.exit(1);
}

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    started?.app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    try {
      await started?.stop();
      process.exit(0);
    } catch (error) {
      console.error(`atlas: shutdown failed: ${describeStartupError(error)}`);
      process.exit(1);
    }
  });
}

function describeStartupError(error: unknown): string {
  if (error instanceof ConfigError || error instanceof DatabaseUnavailableError) return error.message;
  const e = error as NodeJS.ErrnoException & { port?: number };
  if (e.code === 'EADDRINUSE')
    return `the port is already in use (${e.message.replace(/^.*address already in use\s*/, '')}); set PORT to another one`;
  if (e.code === 'EACCES') return `no permission to listen there (${e.message}); choose a PORT above 1024`;
  if (e.code === 'EADDRNOTAVAIL') return `HOST is not an address of this machine (${e.message})`;
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
