import type { EntryFeature } from '../../contract/entry';
import { toFeature } from '../entries/entry.mapper';
import type { EntryRow } from '../entries/entry.repository';

/**
 * Turns a revision snapshot into the API's GeoJSON Feature with the entries feature's own mapper.
 * Snapshots are entry rows (see revisions/revision.snapshot); a writer that stored a Feature is read too.
 * `contact` is private: it is kept only when `withPrivate` is true (moderators).
 */
export function snapshotToFeature(snapshot: Record<string, unknown>, withPrivate: boolean): EntryFeature {
  if (snapshot.type === 'Feature') return featureSnapshot(snapshot as unknown as EntryFeature, withPrivate);
  return toFeature(snapshot as unknown as EntryRow, { withPrivate });
}

function featureSnapshot(feature: EntryFeature, withPrivate: boolean): EntryFeature {
  if (withPrivate || feature.properties.contact === undefined) return feature;
  const { contact: _private, ...properties } = feature.properties;
  return { ...feature, properties };
}
