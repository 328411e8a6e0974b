import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * What `npm run backup` needs to ask a running embedded server for a copy: its address and a key. The file
 * lives in the data directory with owner-only permissions: whoever can read it can read the database files
 * anyway, so the key grants nothing more than that.
 */
export interface ControlFile {
  pid: number;
  url: string;
  backupKey: string;
}

export const CONTROL_FILE = 'atlas.control.json';

export function writeControlFile(dataDir: string, url: string): ControlFile {
  const control = { pid: process.pid, url, backupKey: randomBytes(32).toString('base64url') };
  writeFileSync(join(dataDir, CONTROL_FILE), JSON.stringify(control), { mode: 0o600 });
  return control;
}

export function readControlFile(dataDir: string): ControlFile | null {
  try {
    const parsed = JSON.parse(readFileSync(join(dataDir, CONTROL_FILE), 'utf8')) as Partial<ControlFile>;
    if (
      typeof parsed.pid !== 'number' ||
      typeof parsed.url !== 'string' ||
      typeof parsed.backupKey !== 'string'
    ) {
      return null;
    }
    return parsed as ControlFile;
  } catch {
    return null;
  }
}

export function removeControlFile(dataDir: string, pid = process.pid): void {
  const current = readControlFile(dataDir);
  if (current && current.pid !== pid) return;
  rmSync(join(dataDir, CONTROL_FILE), { force: true });
}
