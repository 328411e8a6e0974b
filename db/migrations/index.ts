import type { Migration, MigrationProvider } from 'kysely';
import * as m0001 from './0001-initial-schema';
import * as m0002 from './0002-entry-create-hash';
import * as m0003 from './0003-live-presence';
import * as m0004 from './0004-sync-sources';
import * as m0005 from './0005-accounts-moderation';
import * as m0006 from './0006-network-territories';
import * as m0007 from './0007-import-write-cost';
import * as m0008 from './0008-revision-writers';

/** Every migration, in order. A static list so that bundlers and test runners need no file-system scan. */
export const migrations: Record<string, Migration> = {
  '0001-initial-schema': m0001,
  '0002-entry-create-hash': m0002,
  '0003-live-presence': m0003,
  '0004-sync-sources': m0004,
  '0005-accounts-moderation': m0005,
  '0006-network-territories': m0006,
  '0007-import-write-cost': m0007,
  '0008-revision-writers': m0008,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
