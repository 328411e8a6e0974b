import { type ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

// Two roles in one file. Imported by a test: `startServerProcess(url)` spawns another server process on the
// same PostgreSQL database (no migration, no demo: the test database is already migrated). Run as a
// program (`node --import tsx test/helpers/server-process.ts`): builds the app from server/app.ts on
// DATABASE_URL, listens on an ephemeral port, prints `{"listening":"http://…"}`, and closes on SIGTERM.

const ENTRY = fileURLToPath(import.meta.url);

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  output: string[];
  stop(): Promise<void>;
}

export async function startServerProcess(
  databaseUrl: string,
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY], {
    env: { ...process.env, DATABASE_URL: databaseUrl, ATLAS_DEMO: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no server after ${timeoutMs} ms:\n${output.join('\n')}`)),
      timeoutMs,
    );
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        const match = /^\{"listening":"([^"]+)"\}$/.exec(line);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
    }
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`the server process exited before listening:\n${output.join('\n')}`));
    });
  });
  return {
    url,
    child,
    output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function main(): Promise<void> {
  const [{ openDatabase }, { buildApp }, { readConfig }] = await Promise.all([
    import('../../db/connect'),
    import('../../server/app'),
    import('../../server/config'),
  ]);
  const config = readConfig(process.env);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 10 });
  const app = await buildApp({ config, database, clientRoot: 'test/fixtures/no-client' });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  console.log(JSON.stringify({ listening: url }));
  let stopping = false;
  process.on('SIGTERM', async () => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await database.close();
    process.exit(0);
  });
}

if (process.argv[1] && resolve(process.argv[1]) === ENTRY) await main();
