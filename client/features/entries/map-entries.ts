import type { EntryFeature } from '../../../server/contract/entry';
import type { MapEntry } from '../../map/atlas-map';
import { entryColor } from '../themes/theme-colors';

/** The entries that have a location, as the map draws them, and how many had none. */
export function toMapEntries(
  features: readonly EntryFeature[],
  colors: ReadonlyMap<string, string>,
): { entries: MapEntry[]; unlocated: number } {
  const entries: MapEntry[] = [];
  let unlocated = 0;
  for (const feature of features) {
    const entry = toMapEntry(feature, colors);
    if (entry) entries.push(entry);
    else unlocated += 1;
  }
  return { entries, unlocated };
}

/** One entry as the map draws it, or null when it has no location. */
export function toMapEntry(feature: EntryFeature, colors: ReadonlyMap<string, string>): MapEntry | null {
  if (!feature.geometry) return null;
  const [lng, lat] = feature.geometry.coordinates;
  return {
    id: feature.id,
    lng,
    lat,
    name: feature.properties.name,
    kind: feature.properties.kind,
    color: entryColor(feature.properties.themes, colors),
  };
}
