import type { EntryFeature, EntryInput } from '../../../server/contract/entry';

/**
 * The entry as the page shows it before the server has it: built from what the person typed, at version 0,
 * so that the server's own version (1 and up, from the answer or the live feed) replaces it.
 */
export function localEntry(
  input: EntryInput & { id: string },
  author: { id: string; displayName: string } | null,
): EntryFeature {
  const p = input.properties;
  const now = new Date().toISOString();
  return {
    type: 'Feature',
    id: input.id,
    geometry: input.geometry,
    properties: {
      kind: p.kind,
      name: p.name,
      summary: p.summary ?? '',
      description: p.description ?? '',
      descriptionHtml: '',
      url: p.url ?? null,
      links: p.links ?? [],
      address: p.address ?? {},
      themes: p.themes ?? [],
      tags: p.tags ?? [],
      license: p.license ?? null,
      area: null,
      status: 'pending',
      source: null,
      toLocate: input.geometry === null,
      workshopId: null,
      createdBy: author,
      version: 0,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    },
  };
}
