import type { CatalogEntry } from './catalog';

// Names come from the texts in ../shared/context (the 2018 Forum des usages coopératifs, France Tiers-Lieux's
// 2020 workshop "Les communs numériques des tiers-lieux", the 2015 "Tour de France" of cooperative networks).
export const NETWORKS: CatalogEntry[] = [
  {
    slug: 'france-tiers-lieux',
    kind: 'network',
    name: 'France Tiers-Lieux',
    url: 'https://francetierslieux.fr/',
    summary:
      'Réseau national des tiers-lieux. En décembre 2020, il a organisé l’atelier « Les communs numériques des tiers-lieux » pour donner à voir les outils libres, ouverts et coopératifs sur lesquels les tiers-lieux s’appuient.',
    themes: ['tiers-lieux', 'animation-de-reseaux'],
    tags: ['réseau national', 'tiers-lieux', 'communs numériques'],
    license: null,
  },
  {
    slug: 'compagnie-des-tiers-lieux',
    kind: 'network',
    name: 'La Compagnie des Tiers-Lieux',
    url: 'https://compagnie.tiers-lieux.org/',
    summary:
      'Réseau régional des tiers-lieux des Hauts-de-France. Il anime une dynamique contributive autour des communs utiles aux tiers-lieux : résidences contributives à Movilab, événement « Ressources & Vous » (DOKOS, CoopCircuits, Hubl, Cahier d’activités…).',
    themes: ['tiers-lieux', 'animation-de-reseaux', 'communs-de-la-connaissance'],
    tags: ['réseau régional', 'Hauts-de-France', 'communs'],
    license: null,
  },
  {
    slug: 'reseau-francais-des-fablabs',
    kind: 'network',
    name: 'Réseau Français des Fablabs',
    url: 'https://rfflabs.fr/',
    summary:
      'Association des fablabs de France (RFFLabs), née au FabLab Festival de Toulouse en 2015 et déclarée en 2016. Elle mutualise les ressources des fablabs, les met en relation et les représente auprès des institutions.',
    themes: ['fablab', 'fabrication-numerique', 'animation-de-reseaux'],
    tags: ['réseau national', 'fablabs', 'RFFLabs'],
    license: null,
  },
  {
    slug: 'reffao',
    kind: 'network',
    name: 'Réseau Francophone des Fablabs d’Afrique de l’Ouest (ReFFAO)',
    url: 'https://reffao.org/',
    summary:
      'Association qui rassemble des fablabs d’Afrique de l’Ouest francophone pour mutualiser leurs moyens, partager leurs pratiques et promouvoir leurs projets. Partenaire de la démarche « Je fabrique mon matériel pédagogique ».',
    themes: ['fablab', 'fabrication-numerique'],
    tags: ['fablabs', 'Afrique de l’Ouest', 'francophonie'],
    license: null,
  },
  {
    slug: 'tiers-lieux-edu',
    kind: 'network',
    name: 'Tiers-Lieux Edu',
    url: 'https://www.tierslieuxedu.org/',
    summary:
      'Association créée en 2018 après Fab14Edu par des enseignants, des fabmanagers et des acteurs de l’éducation populaire pour développer les tiers-lieux éducatifs. Elle porte « Je fabrique mon matériel pédagogique » et la plateforme FabriqueEdu.',
    themes: ['tiers-lieux-educatifs', 'fabrication-numerique'],
    tags: ['éducation', 'tiers-lieux éducatifs', 'pédagogie maker'],
    license: null,
  },
  {
    slug: 'ping',
    kind: 'network',
    name: 'PiNG',
    url: 'https://www.pingbase.net/',
    summary:
      'Association nantaise d’éducation populaire créée en 2004, pionnière des fablabs. Dans ses tiers-lieux, on découvre et pratique le numérique et les outils libres : open ateliers, summer labs, formations entre pairs.',
    themes: ['education-populaire', 'logiciel-libre', 'fabrication-numerique'],
    tags: ['Nantes', 'éducation populaire', 'culture libre'],
    license: null,
  },
  {
    slug: 'anim-fr',
    kind: 'network',
    name: 'Anim-fr',
    url: null,
    summary:
      'Réseau francophone des animateurs et animatrices de projets collaboratifs, lancé aux Étés TIC de Bretagne à Rennes sous la forme d’une liste de discussion pour mettre en commun méthodes et ressources d’animation.',
    themes: ['animation-de-reseaux'],
    tags: ['animation', 'coopération', 'liste de discussion'],
    license: null,
  },
  {
    slug: 'coop-group',
    kind: 'network',
    name: 'Coop-group',
    url: null,
    summary:
      'Écosystème de groupes collaboratifs qui réunissait en 2015 vingt-cinq réseaux thématiques et une douzaine de réseaux territoriaux ; Anim-fr y est le groupe des animateurs de groupes.',
    themes: ['animation-de-reseaux'],
    tags: ['coopération', 'multi-appartenance'],
    license: null,
  },
  {
    slug: 'coop-des-communs',
    kind: 'network',
    name: 'La Coop des Communs',
    url: 'https://coopdescommuns.org/',
    summary:
      'Association consacrée aux communs et à leur économie. Elle a publié en octobre 2020, avec le soutien de la Banque des Territoires, le rapport « Plateformes coopératives : des infrastructures territoriales de coopération ».',
    themes: ['plateformes-cooperatives', 'economie-sociale-solidaire'],
    tags: ['communs', 'plateformes coopératives'],
    license: null,
  },
  {
    slug: 'open-space-makers',
    kind: 'network',
    name: 'Open Space Makers',
    url: 'https://federation-openspacemakers.com/',
    summary:
      'Association créée en 2017 dans le cadre de l’initiative Fédération du CNES : elle relie fablabs, makerspaces, hackerspaces et grand public autour de projets spatiaux développés en open source.',
    themes: ['materiel-libre', 'fabrication-numerique'],
    tags: ['spatial', 'open source', 'makers'],
    license: null,
  },
  {
    slug: 'atelier-des-chercheurs',
    kind: 'network',
    name: 'L’Atelier des chercheurs',
    url: 'https://latelier-des-chercheurs.fr/',
    summary:
      'Collectif de designers qui conçoit des outils libres pour l’apprentissage et la documentation, dont le logiciel do•doc. Il a aidé Tiers-Lieux Edu à mettre en place la plateforme FabriqueEdu.',
    themes: ['documentation-de-projets', 'ressources-pedagogiques', 'logiciel-libre'],
    tags: ['design', 'documentation', 'do•doc'],
    license: null,
  },
  {
    slug: 'framasoft',
    kind: 'network',
    name: 'Framasoft',
    url: 'https://framasoft.org/',
    summary:
      'Association d’éducation populaire qui promeut le logiciel libre et la culture libre. Elle tient notamment l’annuaire Framalibre.',
    themes: ['logiciel-libre', 'education-populaire'],
    tags: ['logiciel libre', 'éducation populaire'],
    license: null,
  },
  {
    slug: 'savoirscom1',
    kind: 'network',
    name: 'SavoirsCom1',
    url: 'https://www.savoirscom1.info/',
    summary: 'Collectif consacré aux politiques des biens communs de la connaissance.',
    themes: ['communs-de-la-connaissance'],
    tags: ['communs', 'connaissance'],
    license: null,
  },
  {
    slug: 'vecam',
    kind: 'network',
    name: 'Vecam',
    url: 'https://vecam.org/',
    summary:
      'Association de réflexion et d’action sur la citoyenneté à l’ère numérique et les communs. Elle a relayé le compte rendu du « Tour de France des réseaux de la coopération et des communs » (Moustic 2015).',
    themes: ['communs-de-la-connaissance', 'animation-de-reseaux'],
    tags: ['communs', 'numérique citoyen'],
    license: null,
  },
  {
    slug: 'colibris',
    kind: 'network',
    name: 'Colibris',
    url: 'https://www.colibris-lemouvement.org/',
    summary:
      'Mouvement citoyen pour la transition écologique et sociale, organisé en groupes locaux qui s’approprient les outils collaboratifs.',
    themes: ['transition-ecologique', 'animation-de-reseaux'],
    tags: ['transition', 'groupes locaux'],
    license: null,
  },
];
