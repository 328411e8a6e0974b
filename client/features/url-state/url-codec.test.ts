import { describe, expect, it } from 'vitest';
import { INITIAL_STATE } from './app-state';
import { formatState, parseState } from './url-codec';

const network = '3f2b8c1e-9d4a-4b6e-8f0a-1c2d3e4f5a6b';
const entry = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('the state in the URL', () => {
  it('round-trips filters, selection, view and list order', () => {
    const state = {
      ...INITIAL_STATE,
      kinds: ['place' as const, 'resource' as const],
      themes: ['fablab', 'libertes'],
      network,
      statuses: ['pending' as const],
      q: 'repair café',
      selected: entry,
      view: { lng: 4.83571, lat: 45.76402, zoom: 6.512 },
      sort: 'updated' as const,
      inView: false,
    };
    const search = formatState(state);
    expect(search).toBe(
      `?kind=place&kind=resource&theme=fablab&theme=libertes&network=${network}&status=pending&q=repair+caf%C3%A9&entry=${entry}&map=6.51/45.764/4.8357&sort=updated&list=all`,
    );
    expect(parseState(search)).toEqual({ ...state, view: { lng: 4.8357, lat: 45.764, zoom: 6.51 } });
  });

  it('writes nothing for the initial state', () => {
    expect(formatState(INITIAL_STATE)).toBe('');
  });

  it('keeps the parameters it does not own', () => {
    expect(formatState({ ...INITIAL_STATE, q: 'lab' }, '?lang=en&q=old&theme=x')).toBe('?lang=en&q=lab');
  });

  it('ignores malformed values instead of failing', () => {
    const state = parseState('?kind=planet&theme=Not%20a%20slug&network=42&entry=x&map=5/200/3&sort=random');
    expect(state).toEqual(INITIAL_STATE);
  });

  it('keeps relevance only with a query', () => {
    expect(parseState('?sort=relevance').sort).toBe('name');
    expect(parseState('?sort=relevance&q=lab').sort).toBe('relevance');
  });
});
