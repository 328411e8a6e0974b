/** A theme of the default tree: a top-level theme has children, a child has none. */
export interface ThemeSeed {
  slug: string;
  labels: { fr: string; en: string };
  /** Marker colour, '#rrggbb', at least 3:1 against a white or light basemap. */
  color: string;
  /** A Lucide icon name (https://lucide.dev/icons). */
  icon: string;
  children?: ThemeSeed[];
}

// Place types first: they colour most markers, so their hues are far apart. Then the critical issues of the
// 2018 Forum des usages coopératifs workshop, the forum's six sessions, and the fields the networks work in.
// Children of the other themes are shades of their parent's hue.
export const DEFAULT_THEMES: ThemeSeed[] = [
  {
    slug: 'tiers-lieux',
    labels: { fr: 'Tiers-lieux', en: 'Third places' },
    color: '#475569',
    icon: 'building-2',
    children: [
      {
        slug: 'coworking',
        labels: { fr: 'Coworking', en: 'Coworking' },
        color: '#2563eb',
        icon: 'briefcase',
      },
      { slug: 'fablab', labels: { fr: 'Fablab', en: 'Fablab' }, color: '#c2410c', icon: 'printer' },
      {
        slug: 'hackerspace',
        labels: { fr: 'Hackerspace', en: 'Hackerspace' },
        color: '#7c3aed',
        icon: 'terminal',
      },
      {
        slug: 'makerspace',
        labels: { fr: 'Makerspace', en: 'Makerspace' },
        color: '#9a3412',
        icon: 'hammer',
      },
      {
        slug: 'repair-cafe',
        labels: { fr: 'Repair café', en: 'Repair café' },
        color: '#4d7c0f',
        icon: 'wrench',
      },
      {
        slug: 'ressourcerie',
        labels: { fr: 'Ressourcerie, recyclerie', en: 'Reuse centre' },
        color: '#3f6212',
        icon: 'recycle',
      },
      {
        slug: 'tiers-lieu-culturel',
        labels: { fr: 'Tiers-lieu culturel', en: 'Cultural third place' },
        color: '#a21caf',
        icon: 'drama',
      },
      {
        slug: 'epn-mediation-numerique',
        labels: { fr: 'EPN, médiation numérique', en: 'Public digital space, digital mediation' },
        color: '#be185d',
        icon: 'monitor-smartphone',
      },
      {
        slug: 'tiers-lieu-nourricier',
        labels: { fr: 'Tiers-lieu nourricier', en: 'Food third place' },
        color: '#15803d',
        icon: 'sprout',
      },
    ],
  },
  {
    slug: 'enjeux-critiques',
    labels: { fr: 'Enjeux critiques', en: 'Critical issues' },
    color: '#b91c1c',
    icon: 'shield-alert',
    children: [
      {
        slug: 'libertes-securite-informatique',
        labels: { fr: 'Libertés et sécurité informatique', en: 'Digital freedoms and security' },
        color: '#991b1b',
        icon: 'lock',
      },
      {
        slug: 'prevention-accidents',
        labels: { fr: 'Prévention des accidents', en: 'Accident prevention' },
        color: '#dc2626',
        icon: 'hard-hat',
      },
      {
        slug: 'egalite-genres',
        labels: { fr: 'Égalité au-delà des genres', en: 'Equality beyond gender' },
        color: '#b91c1c',
        icon: 'scale',
      },
      {
        slug: 'accessibilite-handicap',
        labels: { fr: 'Accessibilité et handicap', en: 'Accessibility and disability' },
        color: '#7f1d1d',
        icon: 'accessibility',
      },
      {
        slug: 'bioethique-sciences',
        labels: { fr: 'Bioéthique et sciences', en: 'Bioethics and science' },
        color: '#e11d48',
        icon: 'microscope',
      },
      {
        slug: 'bioprivacy',
        labels: { fr: 'Bioprivacy', en: 'Bioprivacy' },
        color: '#9f1239',
        icon: 'fingerprint',
      },
    ],
  },
  {
    slug: 'culture-libre',
    labels: { fr: 'Culture libre', en: 'Free culture' },
    color: '#7e22ce',
    icon: 'book-open',
    children: [
      {
        slug: 'logiciel-libre',
        labels: { fr: 'Logiciel libre', en: 'Free software' },
        color: '#6b21a8',
        icon: 'code',
      },
      {
        slug: 'communs-de-la-connaissance',
        labels: { fr: 'Communs de la connaissance', en: 'Knowledge commons' },
        color: '#9333ea',
        icon: 'library',
      },
      {
        slug: 'donnees-ouvertes',
        labels: { fr: 'Données ouvertes', en: 'Open data' },
        color: '#581c87',
        icon: 'database',
      },
      {
        slug: 'cartographie-ouverte',
        labels: { fr: 'Cartographie ouverte', en: 'Open mapping' },
        color: '#7e22ce',
        icon: 'map',
      },
    ],
  },
  {
    slug: 'education-ouverte',
    labels: { fr: 'Éducation ouverte', en: 'Open education' },
    color: '#0e7490',
    icon: 'graduation-cap',
    children: [
      {
        slug: 'ressources-pedagogiques',
        labels: { fr: 'Ressources pédagogiques libres', en: 'Open educational resources' },
        color: '#0e7490',
        icon: 'notebook-pen',
      },
      {
        slug: 'tiers-lieux-educatifs',
        labels: { fr: 'Tiers-lieux éducatifs', en: 'Educational third places' },
        color: '#155e75',
        icon: 'school',
      },
      {
        slug: 'education-populaire',
        labels: { fr: 'Éducation populaire', en: 'Popular education' },
        color: '#0891b2',
        icon: 'users',
      },
      {
        slug: 'apprentissage-entre-pairs',
        labels: { fr: 'Apprentissage entre pairs', en: 'Peer learning' },
        color: '#164e63',
        icon: 'messages-square',
      },
    ],
  },
  {
    slug: 'inclusion',
    labels: { fr: 'Inclusion', en: 'Inclusion' },
    color: '#be185d',
    icon: 'heart-handshake',
    children: [
      {
        slug: 'inclusion-numerique',
        labels: { fr: 'Inclusion numérique', en: 'Digital inclusion' },
        color: '#be185d',
        icon: 'laptop',
      },
      {
        slug: 'solidarites',
        labels: { fr: 'Solidarités', en: 'Solidarity' },
        color: '#9d174d',
        icon: 'hand-heart',
      },
      {
        slug: 'insertion-emploi',
        labels: { fr: 'Insertion et emploi', en: 'Work integration' },
        color: '#db2777',
        icon: 'id-card',
      },
    ],
  },
  {
    slug: 'organisations-territoires-ouverts',
    labels: { fr: 'Organisations et territoires ouverts', en: 'Open organisations and territories' },
    color: '#a16207',
    icon: 'network',
    children: [
      {
        slug: 'gouvernance-partagee',
        labels: { fr: 'Gouvernance partagée', en: 'Shared governance' },
        color: '#854d0e',
        icon: 'vote',
      },
      {
        slug: 'animation-de-reseaux',
        labels: { fr: 'Coopération et animation de réseaux', en: 'Cooperation and network facilitation' },
        color: '#a16207',
        icon: 'share-2',
      },
      {
        slug: 'developpement-territorial',
        labels: { fr: 'Développement territorial', en: 'Local development' },
        color: '#713f12',
        icon: 'landmark',
      },
    ],
  },
  {
    slug: 'plateformes-cooperatives',
    labels: { fr: 'Plateformes coopératives', en: 'Platform cooperatives' },
    color: '#4338ca',
    icon: 'boxes',
    children: [
      {
        slug: 'outils-collaboratifs',
        labels: { fr: 'Outils collaboratifs', en: 'Collaboration tools' },
        color: '#4f46e5',
        icon: 'pen-line',
      },
      {
        slug: 'outils-de-gestion',
        labels: { fr: 'Outils de gestion', en: 'Management tools' },
        color: '#3730a3',
        icon: 'calculator',
      },
      {
        slug: 'economie-sociale-solidaire',
        labels: { fr: 'Économie sociale et solidaire', en: 'Social and solidarity economy' },
        color: '#312e81',
        icon: 'handshake',
      },
    ],
  },
  {
    slug: 'fabrication-numerique',
    labels: { fr: 'Fabrication numérique', en: 'Digital fabrication' },
    color: '#c2410c',
    icon: 'cpu',
    children: [
      {
        slug: 'materiel-libre',
        labels: { fr: 'Matériel libre', en: 'Open hardware' },
        color: '#9a3412',
        icon: 'circuit-board',
      },
      {
        slug: 'documentation-de-projets',
        labels: { fr: 'Documentation de projets', en: 'Project documentation' },
        color: '#c2410c',
        icon: 'file-text',
      },
      {
        slug: 'fabrication-distribuee',
        labels: { fr: 'Fabrication distribuée', en: 'Distributed manufacturing' },
        color: '#7c2d12',
        icon: 'factory',
      },
    ],
  },
  {
    slug: 'alimentation-circuits-courts',
    labels: { fr: 'Alimentation et circuits courts', en: 'Food and short supply chains' },
    color: '#15803d',
    icon: 'carrot',
    children: [
      {
        slug: 'circuits-courts',
        labels: { fr: 'Circuits courts', en: 'Short supply chains' },
        color: '#15803d',
        icon: 'shopping-basket',
      },
      {
        slug: 'agriculture-urbaine',
        labels: { fr: 'Agriculture urbaine', en: 'Urban agriculture' },
        color: '#166534',
        icon: 'sprout',
      },
      {
        slug: 'jardins-partages',
        labels: { fr: 'Jardins partagés', en: 'Community gardens' },
        color: '#14532d',
        icon: 'flower-2',
      },
    ],
  },
  {
    slug: 'transition-ecologique',
    labels: { fr: 'Transition écologique', en: 'Ecological transition' },
    color: '#4d7c0f',
    icon: 'leaf',
    children: [
      {
        slug: 'reemploi-reparation',
        labels: { fr: 'Réemploi et réparation', en: 'Reuse and repair' },
        color: '#4d7c0f',
        icon: 'recycle',
      },
      { slug: 'low-tech', labels: { fr: 'Low-tech', en: 'Low-tech' }, color: '#3f6212', icon: 'cog' },
      {
        slug: 'resilience-territoriale',
        labels: { fr: 'Résilience des territoires', en: 'Local resilience' },
        color: '#365314',
        icon: 'mountain',
      },
    ],
  },
];

/** Every theme slug of the default tree, parents and children. */
export function themeSlugs(themes: ThemeSeed[] = DEFAULT_THEMES): string[] {
  return themes.flatMap((t) => [t.slug, ...(t.children ?? []).map((c) => c.slug)]);
}
