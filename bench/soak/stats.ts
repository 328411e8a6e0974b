/** Counts and latencies of every request the participants sent. */
export class SoakStats {
  readonly byStatus = new Map<number, number>();
  networkErrors = 0;
  readonly latencies: number[] = [];
  conflicts = 0;
  retries = 0;

  record(status: number | 'network', ms: number): void {
    if (status === 'network') {
      this.networkErrors++;
      return;
    }
    this.byStatus.set(status, (this.byStatus.get(status) ?? 0) + 1);
    if (status < 400) this.latencies.push(ms);
  }

  served(): number {
    let n = 0;
    for (const count of this.byStatus.values()) n += count;
    return n;
  }

  count(predicate: (status: number) => boolean): number {
    let n = 0;
    for (const [status, count] of this.byStatus) if (predicate(status)) n += count;
    return n;
  }

  percentile(p: number): number {
    if (this.latencies.length === 0) return 0;
    const sorted = Float64Array.from(this.latencies).sort();
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  }

  statusLine(): string {
    return [...this.byStatus.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([status, count]) => `${status}: ${count}`)
      .join(', ');
  }
}
