/** Timings of the live hub; tests shorten them through `app.liveHub.configure()`. */
export interface LiveSettings {
  /** An SSE comment is sent this often so proxies and clients know the stream is alive (≤ 20 s). */
  heartbeatMs: number;
  /** The revisions table is read this often even without a signal: a safety net under NOTIFY. */
  pollMs: number;
  /** This process refreshes its presence rows this often… */
  presenceHeartbeatMs: number;
  /** …and a row older than this no longer counts (its process died without cleaning up). */
  presenceTtlMs: number;
  /** Presence of one workshop is recomputed at most this often when people come and go. */
  presenceThrottleMs: number;
  /** Wake-ups this close together share one read of the revisions table (and one write per client). */
  coalesceMs: number;
  /** Revisions read per query when draining or replaying. */
  batchSize: number;
  /** Clients written to before the hub lets other work (such as incoming writes) run. */
  fanOutSlice: number;
  /** A client whose unsent output grows past this is cut off; it reconnects and replays what it missed. */
  maxBufferedBytes: number;
}

export function liveSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): LiveSettings {
  return {
    heartbeatMs: positive(env.ATLAS_LIVE_HEARTBEAT_MS, 15_000),
    pollMs: positive(env.ATLAS_LIVE_POLL_MS, 3_000),
    presenceHeartbeatMs: positive(env.ATLAS_LIVE_PRESENCE_HEARTBEAT_MS, 10_000),
    presenceTtlMs: positive(env.ATLAS_LIVE_PRESENCE_TTL_MS, 30_000),
    presenceThrottleMs: positive(env.ATLAS_LIVE_PRESENCE_THROTTLE_MS, 500),
    coalesceMs: positive(env.ATLAS_LIVE_COALESCE_MS, 20),
    batchSize: 500,
    fanOutSlice: 50,
    maxBufferedBytes: 4 * 1024 * 1024,
  };
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return value !== undefined && value !== '' && Number.isFinite(n) && n > 0 ? n : fallback;
}
