import type { EntryCollection, EntryFeature, EntryRef } from '../../../server/contract/entry';
import { entriesSearchParams } from '../../lib/api';
import { getRelations } from '../../lib/api-entries';
import { getJson } from '../../lib/http';
import type { IncomingRelations } from './entry-panel';

/** Members of a network shown in its panel and on the map, at most. */
const MEMBERS_MAX = 2_000;

const ref = (feature: EntryFeature): EntryRef => ({
  id: feature.id,
  name: feature.properties.name,
  kind: feature.properties.kind,
});

/**
 * The entries that point at this one: a network's members (with their locations, to draw them) or the
 * places and networks that use, maintain or contribute to a resource. Places have none to fetch.
 */
export async function fetchIncoming(
  entry: EntryFeature,
  signal: AbortSignal,
): Promise<{ incoming: IncomingRelations | null; members: EntryFeature[] }> {
  const incoming: IncomingRelations = {
    members: [],
    users: [],
    maintainers: [],
    contributors: [],
    unavailable: false,
  };
  const counts = entry.properties.relations?.incoming ?? {};
  if (entry.properties.kind === 'network') {
    const members: EntryFeature[] = [];
    let cursor: string | null = null;
    do {
      const params = entriesSearchParams({ network: entry.id }, 1_000, cursor);
      const page: EntryCollection = await getJson<EntryCollection>(`/api/entries?${params}`, signal);
      members.push(...page.features);
      cursor = page.next && page.next !== cursor ? page.next : null;
    } while (cursor && members.length < MEMBERS_MAX);
    incoming.members = members.map(ref).sort((a, b) => a.name.localeCompare(b.name));
    return { incoming, members };
  }
  if (entry.properties.kind === 'resource' && Object.values(counts).some((n) => n > 0)) {
    try {
      const relations = await getRelations({ to: entry.id }, signal);
      for (const relation of relations) {
        if (relation.type === 'uses') incoming.users.push(relation.from);
        else if (relation.type === 'maintains') incoming.maintainers.push(relation.from);
        else if (relation.type === 'contributes_to') incoming.contributors.push(relation.from);
      }
    } catch (error) {
      if (signal.aborted) throw error;
      // Without GET /api/relations the panel still shows how many entries point here.
      console.warn('the relations of this resource could not be fetched', error);
      incoming.unavailable = true;
    }
    return { incoming, members: [] };
  }
  return { incoming: null, members: [] };
}
