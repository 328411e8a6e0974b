import { describe, expect, it } from 'vitest';
import { draftToInput, draftToPatch, EMPTY_DRAFT, linkRelation, validateDraft } from './entry-draft';

const place = {
  ...EMPTY_DRAFT,
  name: '  La Fabrique  ',
  position: [4.83, 45.76] as [number, number],
  themes: ['fablab'],
};

describe('the entry draft', () => {
  it('checks what the API checks, at the API paths, in French', () => {
    const errors = validateDraft({ ...EMPTY_DRAFT, url: 'ftp://x' });
    expect(errors.map((e) => e.path)).toEqual(['/properties/name', '/properties/url', '/geometry']);
    expect(errors[0]?.message).toBe('Indiquez un nom.');
  });

  it('does not need a position for a resource', () => {
    expect(validateDraft({ ...EMPTY_DRAFT, kind: 'resource', name: 'HedgeDoc' })).toEqual([]);
  });

  it('makes a Feature with the chosen id and trimmed values', () => {
    const input = draftToInput(place, 'a0000000-0000-4000-8000-000000000000');
    expect(input).toMatchObject({
      type: 'Feature',
      id: 'a0000000-0000-4000-8000-000000000000',
      geometry: { type: 'Point', coordinates: [4.83, 45.76] },
      properties: { kind: 'place', name: 'La Fabrique', url: null, themes: ['fablab'] },
    });
  });

  it('patches only what changed', () => {
    expect(draftToPatch(place, { ...place })).toBeNull();
    expect(draftToPatch(place, { ...place, city: 'Lyon', position: [4.84, 45.76] })).toEqual({
      properties: { address: { street: null, postcode: null, city: 'Lyon' } },
      geometry: { type: 'Point', coordinates: [4.84, 45.76] },
    });
  });

  it('links a place to networks and resources, and a resource to who maintains it', () => {
    const network = { id: 'n', name: 'Réseau', kind: 'network' as const };
    const resource = { id: 'r', name: 'HedgeDoc', kind: 'resource' as const };
    expect(linkRelation('place', 'p', network)).toEqual({ type: 'member_of', from: 'p', to: 'n' });
    expect(linkRelation('place', 'p', resource)).toEqual({ type: 'uses', from: 'p', to: 'r' });
    expect(linkRelation('resource', 'r2', network)).toEqual({ type: 'maintains', from: 'n', to: 'r2' });
  });
});
