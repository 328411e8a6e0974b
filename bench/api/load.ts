import { createRequire } from 'node:module';

// A thin wrapper over autocannon (a CommonJS module without bundled types): 50 connections on keep-alive
// sockets for a fixed time, after a short warm-up, reporting latency percentiles and throughput.

interface AutocannonResult {
  latency: { p50: number; p99: number; average: number; max: number };
  requests: { average: number; total: number };
  throughput: { average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;
const require = createRequire(import.meta.url);
const autocannon = require('autocannon') as Autocannon;

export interface LoadResult {
  label: string;
  /** Median latency with a single connection: the cost of one request without queueing. */
  alone: number;
  p50: number;
  p99: number;
  rps: number;
  kbPerResponse: number;
  failures: number;
}

/**
 * Loads `target`: one URL, or a list of paths on one origin taken in turn (so that every request asks
 * something else and no answer can be shared between requests).
 */
export async function load(
  label: string,
  target: string | { origin: string; paths: string[] },
  options: { connections: number; seconds: number; warmupSeconds: number },
): Promise<LoadResult> {
  const request =
    typeof target === 'string'
      ? { url: target }
      : (() => {
          let next = 0;
          const paths = target.paths;
          return {
            url: target.origin,
            requests: [
              {
                method: 'GET',
                setupRequest: (req: Record<string, unknown>) => ({
                  ...req,
                  path: paths[next++ % paths.length],
                }),
              },
            ],
          };
        })();
  // A slow answer counts as a slow answer, not as an error.
  const common = { ...request, timeout: 60 };
  await autocannon({ ...common, connections: options.connections, duration: options.warmupSeconds });
  const r = await autocannon({ ...common, connections: options.connections, duration: options.seconds });
  const single = await autocannon({ ...common, connections: 1, duration: 3 });
  return {
    label,
    alone: single.latency.p50,
    p50: r.latency.p50,
    p99: r.latency.p99,
    rps: r.requests.average,
    kbPerResponse: r.requests.total > 0 ? r.throughput.average / Math.max(1, r.requests.average) / 1024 : 0,
    failures: r.non2xx + r.errors + r.timeouts,
  };
}

export function formatRow(r: LoadResult, target?: number): string {
  const mark = target === undefined ? '' : r.p99 <= target ? '  ok' : '  over target';
  return (
    [
      r.label.padEnd(50),
      `${r.alone.toFixed(1).padStart(7)} ms`,
      `${r.p50.toFixed(1).padStart(7)} ms`,
      `${r.p99.toFixed(1).padStart(8)} ms`,
      `${Math.round(r.rps).toString().padStart(7)} req/s`,
      `${r.kbPerResponse.toFixed(1).padStart(7)} KB`,
      `${String(r.failures).padStart(5)} failed`,
    ].join('  ') + mark
  );
}
