import { readFileSync } from 'node:fs';

/** The place types read from the CGET census (its TYPO column, and words in the place's name). */
export type CgetPlaceType =
  | 'coworking'
  | 'fablab'
  | 'hackerspace'
  | 'makerspace'
  | 'epn'
  | 'agriculture-urbaine';

/** One place of db/seeds/data/cget-tiers-lieux-2019.json (built by build-cget-seed.ts); absent keys are unknown. */
export interface CgetPlace {
  /** The census row's ID. */
  ref: string;
  name: string;
  street?: string | undefined;
  postcode?: string | undefined;
  city?: string | undefined;
  insee?: string | undefined;
  lng: number;
  lat: number;
  types: CgetPlaceType[];
  web?: string | undefined;
}

export const CGET_SOURCE = 'cget-tiers-lieux-2019';

const DATA_FILE = new URL('./data/cget-tiers-lieux-2019.json', import.meta.url);

export function loadCgetPlaces(): CgetPlace[] {
  return JSON.parse(readFileSync(DATA_FILE, 'utf8')) as CgetPlace[];
}

interface TypeInfo {
  /** Theme slugs (see themes.ts). */
  themes: string[];
  tag: string;
  /** How the summary names it, in French. */
  label: string;
}

const TYPES: Record<CgetPlaceType, TypeInfo> = {
  coworking: { themes: ['coworking'], tag: 'coworking', label: 'coworking' },
  fablab: {
    themes: ['fablab', 'fabrication-numerique'],
    tag: 'fablab',
    label: 'fablab (fabrication numérique)',
  },
  hackerspace: { themes: ['hackerspace'], tag: 'hackerspace', label: 'hackerspace' },
  makerspace: { themes: ['makerspace', 'fabrication-numerique'], tag: 'makerspace', label: 'makerspace' },
  epn: { themes: ['epn-mediation-numerique'], tag: 'EPN', label: 'espace public numérique' },
  'agriculture-urbaine': {
    themes: ['agriculture-urbaine'],
    tag: 'agriculture urbaine',
    label: 'agriculture urbaine',
  },
};

/** Theme slugs of a place; a place without a known type goes under the generic tiers-lieux theme. */
export function placeThemes(place: CgetPlace): string[] {
  const slugs = new Set(place.types.flatMap((t) => TYPES[t].themes));
  if (slugs.size === 0) slugs.add('tiers-lieux');
  return [...slugs];
}

export function placeTags(place: CgetPlace): string[] {
  return ['tiers-lieu', ...place.types.map((t) => TYPES[t].tag)];
}

/** A factual one-liner: what the census says the place is. */
export function placeSummary(place: CgetPlace): string {
  const [dominant, ...others] = place.types;
  const what = dominant ? `Tiers-lieu à dominante ${TYPES[dominant].label}` : 'Tiers-lieu';
  const also = others.length ? ` (aussi : ${others.map((t) => TYPES[t].label).join(', ')})` : '';
  return `${what}${also}, recensé en 2019 par la Mission Coworking du CGET.`;
}
