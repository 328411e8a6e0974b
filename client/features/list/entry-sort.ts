import type { EntryFeature } from '../../../server/contract/entry';
import type { Bbox } from '../../map/atlas-map';
import type { SortOrder } from '../url-state/app-state';

const nameKeys = new WeakMap<EntryFeature, string>();
const areaBoxes = new WeakMap<EntryFeature, Bbox | null>();

/**
 * The name without accents or case: compared with `<`, it sorts 10,000 names in a few milliseconds where
 * Intl.Collator takes ten times longer, and orders French names the same way but for rare ties.
 */
export function nameKey(entry: EntryFeature): string {
  let key = nameKeys.get(entry);
  if (key === undefined) {
    key = entry.properties.name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
    nameKeys.set(entry, key);
  }
  return key;
}

/** Distance in meters between two positions, on a sphere (good to a few per cent, enough to sort and show). */
export function distanceMeters([lng1, lat1]: readonly number[], [lng2, lat2]: readonly number[]): number {
  const rad = Math.PI / 180;
  const dLat = ((lat2 ?? 0) - (lat1 ?? 0)) * rad;
  const dLng = ((lng2 ?? 0) - (lng1 ?? 0)) * rad;
  const a =
    Math.sin(dLat / 2) ** 2 +
    Math.cos((lat1 ?? 0) * rad) * Math.cos((lat2 ?? 0) * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** The distance from `center` to the entry's location, or null when it has none. */
export function entryDistance(entry: EntryFeature, center: readonly [number, number]): number | null {
  return entry.geometry ? distanceMeters(center, entry.geometry.coordinates) : null;
}

export interface SortContext {
  /** The map's centre: distances are measured from it. */
  center: readonly [number, number];
  /** The search's ranks (0 is the best match). */
  ranks: ReadonlyMap<string, number> | null;
}

/** A sorted copy: by name, by distance from the centre (entries without a location last), newest first, or by rank. */
export function sortEntries(
  entries: readonly EntryFeature[],
  order: SortOrder,
  context: SortContext,
): EntryFeature[] {
  const byName = (a: EntryFeature, b: EntryFeature) => {
    const ka = nameKey(a);
    const kb = nameKey(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
  if (order === 'distance') {
    const distances = new Map(
      entries.map((e) => [e, entryDistance(e, context.center) ?? Number.POSITIVE_INFINITY]),
    );
    return [...entries].sort(
      (a, b) => (distances.get(a) as number) - (distances.get(b) as number) || byName(a, b),
    );
  }
  if (order === 'updated') {
    return [...entries].sort((a, b) => {
      const ua = a.properties.updatedAt;
      const ub = b.properties.updatedAt;
      return ua > ub ? -1 : ua < ub ? 1 : byName(a, b);
    });
  }
  if (order === 'relevance' && context.ranks) {
    const ranks = context.ranks;
    const rank = (e: EntryFeature) => ranks.get(e.id) ?? Number.POSITIVE_INFINITY;
    return [...entries].sort((a, b) => rank(a) - rank(b) || byName(a, b));
  }
  return [...entries].sort(byName);
}

/** True when the entry shows in the box: its point, or (a network) its territory, is in it. */
export function inBounds(entry: EntryFeature, bounds: Bbox): boolean {
  const [west, south, east, north] = bounds;
  if (entry.geometry) {
    const [lng, lat] = entry.geometry.coordinates;
    if (lng >= west && lng <= east && lat >= south && lat <= north) return true;
  }
  const box = areaBox(entry);
  return box !== null && box[0] <= east && box[2] >= west && box[1] <= north && box[3] >= south;
}

/** The bounding box of a network's territory, or null. */
export function areaBox(entry: EntryFeature): Bbox | null {
  if (areaBoxes.has(entry)) return areaBoxes.get(entry) ?? null;
  const area = entry.properties.area;
  let box: Bbox | null = null;
  if (area) {
    box = [180, 90, -180, -90];
    for (const polygon of area.coordinates)
      for (const ring of polygon)
        for (const [lng, lat] of ring) {
          box = [Math.min(box[0], lng), Math.min(box[1], lat), Math.max(box[2], lng), Math.max(box[3], lat)];
        }
  }
  areaBoxes.set(entry, box);
  return box;
}
