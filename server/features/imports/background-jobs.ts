/** Work that outlives its request (an import's batches); the app waits for it, or stops it, on close. */
export class BackgroundJobs {
  readonly #running = new Set<Promise<void>>();
  #stopping = false;

  /** True once the app is closing: a job checks it between batches and stops there. */
  get stopping(): boolean {
    return this.#stopping;
  }

  start(work: () => Promise<void>): void {
    const job = work().finally(() => this.#running.delete(job));
    this.#running.add(job);
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    await Promise.allSettled([...this.#running]);
  }

  /** Resolves once every job started so far has finished (tests and the sync scheduler use it). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.#running]);
  }
}
