/** A source of the demo atlas, credited in the app (Licence Ouverte requires attribution). */
export interface DemoSource {
  name: string;
  url: string | null;
  /** The licence's name, with its SPDX id in brackets where it has one; null for our own text. */
  licence: string | null;
  attribution: { fr: string; en: string };
}

export const DEMO_SOURCES: DemoSource[] = [
  {
    name: 'Recensement des tiers-lieux 2019 — Mission Coworking (CGET, aujourd’hui ANCT)',
    url: 'https://github.com/anct-carto/mission_coworking',
    licence: 'Licence Ouverte 2.0 (etalab-2.0)',
    attribution: {
      fr: 'Lieux : recensement des tiers-lieux de la Mission Coworking (CGET, 2019 ; aujourd’hui ANCT), Licence Ouverte 2.0. Noms, adresses, coordonnées, types et sites web ; données de 2019, parfois dépassées.',
      en: 'Places: third-places census of the Mission Coworking (CGET, 2019; now ANCT), Licence Ouverte 2.0. Names, addresses, coordinates, types and websites; 2019 data, sometimes out of date.',
    },
  },
  {
    name: 'Réseaux et ressources de la démo — fiches rédigées pour l’Atlas des communs',
    url: null,
    licence: null,
    attribution: {
      fr: 'Réseaux et ressources : fiches rédigées pour l’Atlas des communs à partir de textes publics (atelier « Les communs numériques des tiers-lieux » de France Tiers-Lieux, Forum des usages coopératifs de Brest, Vecam) et des sites des organisations citées.',
      en: 'Networks and resources: entries written for the Atlas des communs from public texts (France Tiers-Lieux’s workshop “Les communs numériques des tiers-lieux”, the Forum des usages coopératifs in Brest, Vecam) and the websites of the organisations named.',
    },
  },
];
