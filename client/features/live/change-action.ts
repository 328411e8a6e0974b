import type { EntryFeature } from '../../../server/contract/entry';

/** What one live change does to the entries a page shows. */
export type ChangeAction =
  | { type: 'upsert'; feature: EntryFeature }
  | { type: 'remove'; id: string }
  | { type: 'ignore' };

/** Statuses drawn on a map; the feed only sends pending entries to their author and the moderators. */
const SHOWN = new Set(['published', 'pending']);

/**
 * The action of an entry as a change event carries it, given the version the page holds (if any) and
 * whether it matches the page's filters. An older version than the one held is ignored (a replay).
 */
export function changeAction(
  entry: EntryFeature,
  held: { version: number } | undefined,
  matches: boolean,
): ChangeAction {
  if (held && held.version > entry.properties.version) return { type: 'ignore' };
  const shown = SHOWN.has(entry.properties.status) && entry.properties.deletedAt === null && matches;
  if (shown) return { type: 'upsert', feature: entry };
  return held ? { type: 'remove', id: entry.id } : { type: 'ignore' };
}
