import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { type RunningServer, runServer } from '../../helpers/server-runner';

// One real server for the browser tests, with the demo atlas, started the way `npm start` starts it.

declare module 'vitest' {
  export interface ProvidedContext {
    e2eUrl: string;
    e2eAdminToken: string;
  }
}

export const E2E_ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';

let server: RunningServer | undefined;
let dataDir: string | undefined;

export async function setup(project: TestProject) {
  const env: Record<string, string> = { ATLAS_ADMIN_TOKEN: E2E_ADMIN_TOKEN, ATLAS_DEMO: '1' };
  if (process.env.TEST_DATABASE_URL) {
    env.DATABASE_URL = process.env.TEST_DATABASE_URL;
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'atlas-e2e-'));
    env.ATLAS_DATA_DIR = dataDir;
  }
  server = await runServer(env);
  project.provide('e2eUrl', server.url);
  project.provide('e2eAdminToken', E2E_ADMIN_TOKEN);
}

export async function teardown() {
  await server?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
