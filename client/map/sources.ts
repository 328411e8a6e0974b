import type { GeoJSONSource, Map as MapLibreMap } from 'maplibre-gl';
import type { EntriesDiff, MapEntry } from './atlas-map';
import { ENTRIES_SOURCE } from './layers';

/** The properties each feature of the entries source carries; `id` is the source's promoted id. */
export interface EntryFeatureProperties {
  id: string;
  name: string;
  kind: MapEntry['kind'];
  color: string | null;
}

export function entryToFeature(entry: MapEntry): GeoJSON.Feature<GeoJSON.Point, EntryFeatureProperties> {
  return {
    type: 'Feature',
    id: entry.id,
    geometry: { type: 'Point', coordinates: [entry.lng, entry.lat] },
    properties: { id: entry.id, name: entry.name, kind: entry.kind, color: entry.color },
  };
}

export function entriesFeatureCollection(
  entries: readonly MapEntry[],
): GeoJSON.FeatureCollection<GeoJSON.Point, EntryFeatureProperties> {
  return { type: 'FeatureCollection', features: entries.map(entryToFeature) };
}

/** The MapLibre diff of an `EntriesDiff`: an added feature whose id exists replaces it. */
export function entriesSourceDiff(diff: EntriesDiff) {
  return {
    remove: [...(diff.remove ?? [])],
    add: (diff.upsert ?? []).map(entryToFeature),
  };
}

function entriesSource(map: MapLibreMap): GeoJSONSource {
  const source = map.getSource<GeoJSONSource>(ENTRIES_SOURCE);
  if (!source) throw new Error(`the map has no "${ENTRIES_SOURCE}" source yet: wait for AtlasMap.ready`);
  return source;
}

/** Replaces all the entries of the source. */
export function setEntriesData(map: MapLibreMap, entries: readonly MapEntry[]): Promise<void> {
  return entriesSource(map).setData(entriesFeatureCollection(entries));
}

/** Adds, replaces and removes single entries without reloading the others. */
export function updateEntriesData(map: MapLibreMap, diff: EntriesDiff): Promise<void> {
  return entriesSource(map).updateData(entriesSourceDiff(diff));
}
