/**
 * The last revision id up to which the revisions table is final: every id at or below it is either visible
 * or will never be (its transaction rolled back). The live feed sends nothing past it, so a reader of
 * `id > cursor` never skips a revision that commits late.
 *
 * Revision ids come from a sequence, so they may commit out of order: writer A takes id 10, writer B id 11,
 * B commits first. Rather than serialize writers (a lock held until commit, which caps the write rate at one
 * commit at a time), readers wait at a gap: id 10 is missing while 11 is visible. Every revision writer
 * holds a shared advisory lock from before it takes ids until it ends (see beginRevisionWrite), so the
 * transaction behind a gap is among the writers holding that lock just after the gap was first seen. Once
 * none of those holds it any more, before a read that still lacks the id, the id will never appear.
 */
export class RevisionFrontier {
  /** Gaps seen so far, each with the writers in flight just after it was first seen (null: not read yet). */
  private gaps: Array<{ from: bigint; to: bigint; writers: ReadonlySet<string> | null }> = [];

  constructor(public last: bigint) {}

  /** True while the frontier waits at a gap: the table must be read again even without a signal. */
  get waiting(): boolean {
    return this.gaps.length > 0;
  }

  /** True when a gap lacks its writers: read them (after the read that found it) and `record` them. */
  get needsWriters(): boolean {
    return this.gaps.some((gap) => gap.writers === null);
  }

  /**
   * Takes the ids read after `last` (ascending) in one snapshot and moves `last` as far as it is final.
   * `writersBefore` are the writers in flight read before that snapshot was taken (null when not read):
   * a gap none of whose writers is among them is final. Returns how many ids (a prefix) may be delivered.
   */
  advance(ids: readonly bigint[], writersBefore: ReadonlySet<string> | null): number {
    let accepted = 0;
    for (const id of ids) {
      if (id > this.last + 1n && !this.gapIsFinal(this.last + 1n, id - 1n, writersBefore)) break;
      if (id > this.last) this.last = id;
      accepted += 1;
    }
    this.gaps = this.gaps.filter((gap) => gap.to > this.last);
    return accepted;
  }

  /** Gives the gaps found by the last `advance` the writers in flight, read after its snapshot. */
  record(writersAfter: ReadonlySet<string>): void {
    for (const gap of this.gaps) if (gap.writers === null) gap.writers = writersAfter;
  }

  private gapIsFinal(from: bigint, to: bigint, writersBefore: ReadonlySet<string> | null): boolean {
    // A gap only shrinks as its ids commit, so a missing range lies inside the one first recorded for it.
    const known = this.gaps.find((gap) => gap.from <= from && to <= gap.to);
    if (!known) {
      this.gaps.push({ from, to, writers: null });
      return false;
    }
    if (!known.writers || !writersBefore) return false;
    for (const writer of known.writers) if (writersBefore.has(writer)) return false;
    return true;
  }
}
