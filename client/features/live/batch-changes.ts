import type { EntryFeature } from '../../../server/contract/entry';

/** Collects change events for one frame, so that a replay of many changes is one map update. */
export function batchChanges(apply: (entries: EntryFeature[]) => void) {
  let pending: EntryFeature[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  return (change: { entry: EntryFeature }) => {
    pending.push(change.entry);
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      const entries = pending;
      pending = [];
      apply(entries);
    }, 16);
  };
}
