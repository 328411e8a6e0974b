import type { Revision } from '../../contract/revision';
import type { RevisionRow } from './live.repository';
import { snapshotToFeature } from './snapshot-feature.mapper';

/** Fields of `changes` that only moderators may read, like the entry's own `contact`. */
const PRIVATE_FIELDS = ['contact'];

/**
 * One committed revision, ready to be sent: who may see it, and its SSE frame built once per audience
 * (the public one without private fields), however many clients receive it.
 */
export class LiveChange {
  readonly id: bigint;
  /** The workshops this change belongs to (the revision's, and the entry's). */
  readonly workshopIds: ReadonlySet<string>;
  /** Published after this change, or published before it (so public maps learn it is gone). */
  readonly isPublic: boolean;
  readonly authorId: string | null;
  private frames: [string | undefined, string | undefined] = [undefined, undefined];

  constructor(private readonly row: RevisionRow) {
    this.id = BigInt(row.id);
    const snapshot = row.snapshot;
    const workshopIds = new Set<string>();
    if (row.workshop_id) workshopIds.add(row.workshop_id);
    const entryWorkshop = snapshotField(snapshot, 'workshop_id', 'workshopId');
    if (entryWorkshop) workshopIds.add(entryWorkshop);
    this.workshopIds = workshopIds;
    const status = snapshotField(snapshot, 'status', 'status');
    const statusChange = row.changes.status;
    const before = Array.isArray(statusChange) ? statusChange[0] : undefined;
    this.isPublic = status === 'published' || before === 'published';
    this.authorId = snapshotField(snapshot, 'created_by', 'createdBy');
  }

  /** The whole SSE frame; `withPrivate` for moderators. */
  frame(withPrivate: boolean): string {
    const index = withPrivate ? 1 : 0;
    let frame = this.frames[index];
    if (frame === undefined) {
      const data = JSON.stringify({
        revision: this.revision(withPrivate),
        entry: snapshotToFeature(this.row.snapshot, withPrivate),
      });
      frame = `id: ${this.row.id}\nevent: change\ndata: ${data}\n\n`;
      this.frames[index] = frame;
    }
    return frame;
  }

  private revision(withPrivate: boolean): Revision {
    const row = this.row;
    let changes = row.changes;
    if (!withPrivate && PRIVATE_FIELDS.some((f) => f in changes)) {
      changes = Object.fromEntries(Object.entries(changes).filter(([k]) => !PRIVATE_FIELDS.includes(k)));
    }
    return {
      id: row.id,
      entryId: row.entry_id,
      version: row.version,
      op: row.op,
      changes,
      actor: row.actor_id ? { id: row.actor_id, displayName: row.actor_name ?? '' } : null,
      workshopId: row.workshop_id,
      importId: row.import_id,
      revertedFrom: row.reverted_from,
      createdAt: new Date(row.created_at).toISOString(),
    };
  }
}

// Snapshots are entry rows (snake_case) or API Features (camelCase properties): read either.
function snapshotField(snapshot: Record<string, unknown>, rowKey: string, featureKey: string): string | null {
  const props = snapshot.properties as Record<string, unknown> | undefined;
  let value = props ? props[featureKey] : snapshot[rowKey];
  if (value && typeof value === 'object' && 'id' in value) value = (value as { id: unknown }).id;
  return typeof value === 'string' ? value : null;
}
