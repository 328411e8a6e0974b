import type { RelationType } from '../database';
import { NETWORKS } from './catalog-networks';
import { RESOURCES } from './catalog-resources';

export { NETWORKS, RESOURCES };

/** A network or a resource of the demo atlas: facts only, summaries written by us. */
export interface CatalogEntry {
  slug: string;
  kind: 'network' | 'resource';
  name: string;
  url: string | null;
  /** French, at most 280 characters. */
  summary: string;
  /** Theme slugs (see themes.ts). */
  themes: string[];
  tags: string[];
  /** SPDX id, only where the licence is certain. */
  license: string | null;
}

/** A typed link between two catalog entries, by slug. */
export interface CatalogRelation {
  type: RelationType;
  from: string;
  to: string;
}

/** A link from a place of the CGET census (by its census ID) to a catalog entry. */
export interface PlaceRelation {
  type: RelationType;
  placeRef: string;
  to: string;
}

export const CATALOG: CatalogEntry[] = [...NETWORKS, ...RESOURCES];

// Each relation is stated in the context texts or in the organisations' own public pages.
export const CATALOG_RELATIONS: CatalogRelation[] = [
  { type: 'contributes_to', from: 'compagnie-des-tiers-lieux', to: 'movilab' },
  { type: 'contributes_to', from: 'compagnie-des-tiers-lieux', to: 'dokos' },
  { type: 'contributes_to', from: 'compagnie-des-tiers-lieux', to: 'coopcircuits' },
  { type: 'contributes_to', from: 'compagnie-des-tiers-lieux', to: 'hubl' },
  { type: 'contributes_to', from: 'compagnie-des-tiers-lieux', to: 'cahier-activites-tiers-lieux' },
  { type: 'uses', from: 'coopcircuits', to: 'open-food-network' },
  { type: 'maintains', from: 'tiers-lieux-edu', to: 'fabriqueedu' },
  { type: 'contributes_to', from: 'atelier-des-chercheurs', to: 'fabriqueedu' },
  { type: 'partner_of', from: 'tiers-lieux-edu', to: 'france-tiers-lieux' },
  { type: 'partner_of', from: 'tiers-lieux-edu', to: 'reseau-francais-des-fablabs' },
  { type: 'partner_of', from: 'tiers-lieux-edu', to: 'reffao' },
  { type: 'partner_of', from: 'reffao', to: 'reseau-francais-des-fablabs' },
  { type: 'member_of', from: 'anim-fr', to: 'coop-group' },
  { type: 'maintains', from: 'framasoft', to: 'framalibre' },
  { type: 'maintains', from: 'coop-des-communs', to: 'rapport-plateformes-cooperatives' },
];

// PiNG's places in the census: its fablab Plateforme C (Hangar 30) and its space rue du Breil.
export const PLACE_RELATIONS: PlaceRelation[] = [
  { type: 'member_of', placeRef: '1400', to: 'ping' },
  { type: 'member_of', placeRef: '1443', to: 'ping' },
];
