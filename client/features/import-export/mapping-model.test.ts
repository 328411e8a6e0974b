import { describe, expect, it } from 'vitest';
import type { ImportMapping } from '../../../server/contract/import';
import { roleOf, withDefaultKind, withKindValue, withRole, withThemeValue } from './mapping-model';

const guessed: ImportMapping = {
  fields: { name: 'nom', latitude: 'lat', longitude: 'lon', city: null },
  kind: { default: 'place', column: 'type', values: { lieu: 'place' } },
  themes: { columns: ['typologie'], flags: { c_fablab: 'fablab' } },
  tags: { columns: [] },
  status: 'published',
};

describe('the mapping editor’s model', () => {
  it('reads each column’s role from the mapping', () => {
    expect(['nom', 'lat', 'type', 'typologie', 'c_fablab', 'ville'].map((c) => roleOf(guessed, c))).toEqual([
      'name',
      'latitude',
      'kind',
      'themes',
      'flag',
      '',
    ]);
  });

  it('moves a field to another column, leaving the first one unmapped', () => {
    const next = withRole(guessed, 'raison_sociale', 'name');
    expect(next.fields?.name).toBe('raison_sociale');
    expect(roleOf(next, 'nom')).toBe('');
    expect(guessed.fields?.name).toBe('nom');
  });

  it('turns a theme column into a tag column', () => {
    const next = withRole(guessed, 'typologie', 'tags');
    expect(next.themes?.columns).toEqual([]);
    expect(next.tags?.columns).toEqual(['typologie']);
  });

  it('writes a removed flag out as an empty list, so the guess does not bring it back', () => {
    const next = withRole(guessed, 'c_fablab', '');
    expect(next.themes?.flags).toEqual({});
  });

  it('drops the kind values with the kind column', () => {
    const next = withRole(guessed, 'type', 'city');
    expect(next.kind).toEqual({ default: 'place' });
    expect(next.fields?.city).toBe('type');
  });

  it('sets the default kind', () => {
    expect(withDefaultKind(guessed, 'resource').kind?.default).toBe('resource');
  });

  it('writes out every kind value seen once one is mapped', () => {
    const next = withKindValue(
      guessed,
      {
        lieu: { count: 3, kind: 'place' },
        réseau: { count: 1, kind: 'network' },
        'truc bizarre': { count: 1, kind: null },
      },
      'truc bizarre',
      'resource',
    );
    expect(next.kind?.values).toEqual({ lieu: 'place', réseau: 'network', 'truc bizarre': 'resource' });
  });

  it('maps a theme value to a theme, or to none', () => {
    const next = withThemeValue(withThemeValue(guessed, 'Fab Lab', 'fablab'), 'Autre', null);
    expect(next.themes?.values).toEqual({ 'Fab Lab': 'fablab', Autre: [] });
  });
});
