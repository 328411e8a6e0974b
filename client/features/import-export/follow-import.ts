import type { ImportCounts, ImportRecord } from '../../../server/contract/import';
import { authHeaders } from '../../lib/session';
import { readEventStream } from './event-stream';
import { getImport } from './import-api';

const POLL_MS = 1_000;

/** A running import's counters, as its progress stream sends them. */
export interface ImportProgress {
  status: ImportRecord['status'];
  counts: ImportCounts;
}

/**
 * Follows a real run to its end: its progress stream (`progress` events, then `end` with the record);
 * if the stream breaks (a proxy that buffers, a wifi drop), polling GET /api/imports/:id takes over, so
 * the dialog always learns how the import ended. Resolves with the final record.
 */
export async function followImport(
  id: string,
  onProgress: (progress: ImportProgress) => void,
  signal: AbortSignal,
): Promise<ImportRecord> {
  let ended: ImportRecord | null = null;
  try {
    await readEventStream(
      `/api/imports/${id}/progress`,
      authHeaders(),
      (event) => {
        if (event.event === 'progress') onProgress(JSON.parse(event.data) as ImportProgress);
        else if (event.event === 'end') ended = JSON.parse(event.data) as ImportRecord;
      },
      signal,
    );
  } catch (error) {
    if (signal.aborted) throw error;
    console.warn('import progress stream failed; polling instead', error);
  }
  if (ended) return ended;
  for (;;) {
    const record = await getImport(id, signal);
    onProgress({ status: record.status, counts: record.counts });
    if (record.status !== 'running' && record.status !== 'pending') return record;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    signal.throwIfAborted();
  }
}
