import type { CatalogEntry } from './catalog';

// Resources named in ../shared/context, described from their own public pages.
export const RESOURCES: CatalogEntry[] = [
  {
    slug: 'movilab',
    kind: 'resource',
    name: 'Movilab',
    url: 'https://movilab.org/',
    summary:
      'Wiki des tiers-lieux libres et open source, en ligne depuis 2013 : un patrimoine informationnel commun où les tiers-lieux documentent leurs pratiques, leur gouvernance et leurs communs.',
    themes: ['communs-de-la-connaissance', 'documentation-de-projets', 'tiers-lieux'],
    tags: ['wiki', 'documentation', 'TiLiOS'],
    license: null,
  },
  {
    slug: 'hedgedoc',
    kind: 'resource',
    name: 'HedgeDoc',
    url: 'https://hedgedoc.org/',
    summary:
      'Éditeur de notes Markdown collaboratif en temps réel, issu de HackMD et CodiMD. Cité parmi les outils du patrimoine informationnel commun des tiers-lieux.',
    themes: ['outils-collaboratifs', 'logiciel-libre'],
    tags: ['pad', 'Markdown', 'logiciel libre'],
    license: 'AGPL-3.0',
  },
  {
    slug: 'dokos',
    kind: 'resource',
    name: 'DOKOS',
    url: 'https://dokos.io/',
    summary:
      'Logiciel de gestion libre dérivé d’ERPNext : réservation de salles, de postes de coworking et de machines, facturation, abonnements, comptabilité. Une version est adaptée aux tiers-lieux.',
    themes: ['outils-de-gestion', 'logiciel-libre'],
    tags: ['ERP', 'réservation', 'gestion'],
    license: 'GPL-3.0',
  },
  {
    slug: 'hubl',
    kind: 'resource',
    name: 'Hubl',
    url: 'https://hubl.world/',
    summary:
      'Outil pour les organisations en réseau développé par la coopérative Startin’blox : messagerie, annuaire de profils, répertoire de missions et tableau de bord, compatible avec le protocole Solid.',
    themes: ['outils-collaboratifs', 'plateformes-cooperatives'],
    tags: ['Solid', 'annuaire', 'messagerie'],
    license: null,
  },
  {
    slug: 'coopcircuits',
    kind: 'resource',
    name: 'CoopCircuits',
    url: 'https://www.coopcircuits.fr/',
    summary:
      'Plateforme de vente en circuit court portée par une coopérative (SCIC) créée en 2020 ; elle fonctionne avec le logiciel libre Open Food Network. Des tiers-lieux des Hauts-de-France s’en sont servis pendant le confinement.',
    themes: ['circuits-courts', 'plateformes-cooperatives'],
    tags: ['circuits courts', 'SCIC', 'alimentation'],
    license: null,
  },
  {
    slug: 'open-food-network',
    kind: 'resource',
    name: 'Open Food Network',
    url: 'https://openfoodnetwork.org/',
    summary:
      'Logiciel libre né en Australie en 2012 pour organiser des circuits courts alimentaires : boutiques en ligne, cycles de commande, liens entre producteurs, distributeurs et mangeurs.',
    themes: ['circuits-courts', 'logiciel-libre'],
    tags: ['circuits courts', 'logiciel libre'],
    license: 'AGPL-3.0',
  },
  {
    slug: 'cahier-activites-tiers-lieux',
    kind: 'resource',
    name: 'Cahier d’activités des tiers-lieux',
    url: 'https://pop.eu.com/dun-booksprint-a-un-cahier-pour-creer-son-tiers-lieu',
    summary:
      'Outil méthodologique commun pour créer et animer un tiers-lieu : des activités sur le territoire, la gouvernance, la communauté, le modèle économique… Lancé par POP Up en 2017 par un booksprint à Lille, diffusé sous licence CC BY-SA.',
    themes: ['ressources-pedagogiques', 'tiers-lieux'],
    tags: ['méthode', 'booksprint', 'CC BY-SA'],
    license: null,
  },
  {
    slug: 'fabriqueedu',
    kind: 'resource',
    name: 'FabriqueEdu',
    url: 'https://fabriqueedu.tierslieuxedu.org/',
    summary:
      'Plateforme de Tiers-Lieux Edu qui rassemble les outils et matériels pédagogiques fabriqués en tiers-lieux, avec leur documentation open source pour les reproduire et les améliorer en classe, en tiers-lieu ou chez soi.',
    themes: ['ressources-pedagogiques', 'documentation-de-projets', 'fabrication-numerique'],
    tags: ['matériel pédagogique', 'documentation', 'open source'],
    license: null,
  },
  {
    slug: 'multibao',
    kind: 'resource',
    name: 'Multibao',
    url: 'http://www.multibao.org/',
    summary:
      'Boîte à outils de fiches pratiques sur la coopération ; une centaine de fiches sont republiées automatiquement dans d’autres réseaux, un exemple de format d’échange entre communs.',
    themes: ['animation-de-reseaux', 'communs-de-la-connaissance'],
    tags: ['coopération', 'fiches pratiques', 'interopérabilité'],
    license: null,
  },
  {
    slug: 'openstreetmap',
    kind: 'resource',
    name: 'OpenStreetMap',
    url: 'https://www.openstreetmap.org/',
    summary:
      'Carte du monde libre et collaborative. Un atelier de cartographie OpenStreetMap était proposé au 5e Forum des usages coopératifs de Brest.',
    themes: ['cartographie-ouverte', 'donnees-ouvertes'],
    tags: ['cartographie', 'données ouvertes'],
    license: 'ODbL-1.0',
  },
  {
    slug: 'framalibre',
    kind: 'resource',
    name: 'Framalibre',
    url: 'https://framalibre.org/',
    summary: 'Annuaire collaboratif de logiciels et de ressources libres, tenu par Framasoft.',
    themes: ['logiciel-libre', 'communs-de-la-connaissance'],
    tags: ['annuaire', 'logiciel libre'],
    license: null,
  },
  {
    slug: 'rapport-plateformes-cooperatives',
    kind: 'resource',
    name: 'Plateformes coopératives : des infrastructures territoriales de coopération',
    url: null,
    summary:
      'Rapport de La Coop des Communs (octobre 2020) : les plateformes coopératives comme communs numériques et infrastructures territoriales, et les alliances à nouer avec les tiers-lieux.',
    themes: ['plateformes-cooperatives', 'economie-sociale-solidaire'],
    tags: ['rapport', 'plateformes coopératives'],
    license: null,
  },
  {
    slug: 'sesamath',
    kind: 'resource',
    name: 'Sésamath',
    url: 'https://www.sesamath.net/',
    summary:
      'Association de professeurs de mathématiques qui produit de manière collaborative des manuels et des ressources pédagogiques libres.',
    themes: ['ressources-pedagogiques'],
    tags: ['mathématiques', 'manuels libres'],
    license: null,
  },
  {
    slug: 'wikipedia',
    kind: 'resource',
    name: 'Wikipédia',
    url: 'https://fr.wikipedia.org/',
    summary: 'Encyclopédie libre, écrite et relue par ses contributeurs et contributrices.',
    themes: ['communs-de-la-connaissance'],
    tags: ['encyclopédie', 'wiki'],
    license: null,
  },
];
