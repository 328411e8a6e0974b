import type { Kysely } from 'kysely';
import type { Database } from '../../../db/database';
import type { ImportFormat, ImportMapping } from '../../contract/import';
import { ImportInputError } from '../imports/formats/format';
import { type ImportDeps, startImport } from '../imports/import.service';
import { IMPORT_MAX_BYTES } from '../imports/import-input';
import { archiveMissing } from './archive';
import { safeFetch } from './safe-fetch';
import { claimSyncSource, dueSyncSources, finishSyncSource, type SyncRow } from './sync.repository';

export interface SyncActor {
  id: string | null;
  name: string;
}

/**
 * Fetches a source and imports it as a real run under the source's name: entries are matched by their
 * source id and updated in place, new ones created, and the ones the source dropped archived. A file
 * that yields no row archives nothing (an empty answer is more likely a broken source than an empty map).
 * Returns false when the source is already running elsewhere.
 */
export async function runSync(deps: ImportDeps, id: string, actor: SyncActor): Promise<boolean> {
  const source = await claimSyncSource(deps.db, id);
  if (!source) return false;
  deps.jobs.start(() => syncNow(deps, source, actor));
  return true;
}

async function syncNow(deps: ImportDeps, source: SyncRow, actor: SyncActor): Promise<void> {
  let importId: string | null = null;
  try {
    const { body } = await safeFetch(source.url, { maxBytes: IMPORT_MAX_BYTES });
    const { record, finished } = await startImport(deps, body, {
      format: source.format as ImportFormat,
      mapping: (source.mapping ?? {}) as ImportMapping,
      dryRun: false,
      sourceName: source.name,
      filename: source.url,
      actor: { id: actor.id, name: actor.name, role: null },
      countArchive: true,
      archive: async (ctx, seen) => (seen.size === 0 ? 0 : archiveMissing(deps.db, deps.liveBus, ctx, seen)),
      extraOptions: { sync: source.id, url: source.url },
    });
    importId = record.id;
    await finished;
    const done = await deps.db
      .selectFrom('imports')
      .select(['status', 'report'])
      .where('id', '=', record.id)
      .executeTakeFirst();
    const failed = done?.status !== 'done';
    const error = failed
      ? String((done?.report as { error?: string } | undefined)?.error ?? 'the import failed')
      : null;
    await finishSyncSource(deps.db, source.id, { status: failed ? 'failed' : 'done', error, importId });
  } catch (error) {
    const message =
      error instanceof ImportInputError || error instanceof Error ? error.message : String(error);
    deps.log.warn({ err: error, source: source.name }, 'sync failed');
    await finishSyncSource(deps.db, source.id, { status: 'failed', error: message, importId });
  }
}

/** Starts the sources that are due; the scheduler calls it every minute. */
export async function runDueSyncs(deps: ImportDeps): Promise<number> {
  let started = 0;
  for (const id of await dueSyncSources(deps.db as Kysely<Database>)) {
    if (await runSync(deps, id, { id: null, name: 'sync' })) started++;
  }
  return started;
}
