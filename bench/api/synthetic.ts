import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

// Synthetic entries spread over the French départements (a random point inside a random département's
// polygon), with French names, descriptions, tags and themes drawn from small vocabularies, plus the real
// CGET 2019 census of tiers-lieux when ../shared/data is there.

export const DATA_DIR = process.env.ATLAS_SHARED_DATA ?? join(process.cwd(), '..', 'shared', 'data');

type Ring = [number, number][];
export interface Departement {
  code: string;
  name: string;
  polygons: Ring[][];
  bbox: [number, number, number, number];
}

export interface SeedEntry {
  kind: 'place' | 'network' | 'resource';
  name: string;
  summary: string;
  description: string;
  tags: string[];
  city: string | null;
  postcode: string | null;
  inseeCode: string | null;
  url: string | null;
  lng: number | null;
  lat: number | null;
  theme: string;
  source: string;
}

export const PARENT_THEMES = ['numerique', 'fabrication', 'alimentation', 'culture'];
export const CHILD_THEMES: Record<string, string[]> = {
  numerique: ['logiciel-libre', 'mediation-numerique', 'donnees-ouvertes'],
  fabrication: ['fablab', 'reparation', 'couture'],
  alimentation: ['jardin-partage', 'cuisine', 'circuit-court'],
  culture: ['musique', 'arts-plastiques', 'lecture'],
};

const TYPES = [
  'Fablab',
  'Repair café',
  'Tiers-lieu',
  'Coworking',
  'Espace public numérique',
  'Hackerspace',
  'Ressourcerie',
  'Atelier partagé',
  'Makerspace',
  'Cantine numérique',
];
const QUALIFIERS = [
  'des Communs',
  'Solidaire',
  'du Quartier',
  'Citoyen',
  'Coopératif',
  'des Possibles',
  'de la Gare',
  'du Moulin',
  'Associatif',
  'Partagé',
];
const PHRASES = [
  'Un lieu ouvert où l’on répare ensemble les objets du quotidien.',
  'Des machines à commande numérique, une imprimante 3D et une découpeuse laser.',
  'Accompagnement aux démarches en ligne et initiation au numérique.',
  'Des ateliers de couture et de broderie chaque semaine.',
  'Un jardin partagé et une cuisine collective pour les habitants.',
  'Formations aux logiciels libres et à la protection de la vie privée.',
  'Des espaces de travail partagés pour indépendants et associations.',
  'Une médiathèque, des concerts et des expositions d’artistes locaux.',
  'Électronique, robotique et programmation pour les jeunes.',
  'Une épicerie en circuit court et des paniers de producteurs.',
  'Des permanences pour documenter les communs et partager les savoirs.',
  'Un atelier vélo participatif pour apprendre à entretenir son vélo.',
];
const TAGS = [
  'fablab',
  'repair-cafe',
  'coworking',
  'epn',
  'couture',
  'impression-3d',
  'jardin',
  'velo',
  'logiciel-libre',
  'numerique',
  'cuisine',
  'musique',
];

/** A seeded pseudo-random generator (mulberry32), so two runs bench the same data. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function loadDepartements(): Departement[] {
  const file = join(DATA_DIR, 'france-geojson_departements-version-simplifiee.geojson');
  if (!existsSync(file)) return [];
  const geojson = JSON.parse(readFileSync(file, 'utf8')) as {
    features: {
      properties: { code: string; nom: string };
      geometry: { type: string; coordinates: unknown };
    }[];
  };
  return geojson.features.map((f) => {
    const polygons = (
      f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates
    ) as Ring[][];
    const points = polygons.flat(2);
    const xs = points.map((p) => p[0]);
    const ys = points.map((p) => p[1]);
    return {
      code: f.properties.code,
      name: f.properties.nom,
      polygons,
      bbox: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
    };
  });
}

function inRing(x: number, y: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inDepartement(x: number, y: number, d: Departement): boolean {
  return d.polygons.some(
    (rings) => inRing(x, y, rings[0]!) && !rings.slice(1).some((hole) => inRing(x, y, hole)),
  );
}

/** `count` synthetic entries: 90 % places, 6 % resources (no location), 4 % networks (half with a seat). */
export function syntheticEntries(
  count: number,
  departements: Departement[],
  rand: () => number,
): SeedEntry[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const entries: SeedEntry[] = [];
  for (let i = 0; i < count; i++) {
    const roll = rand();
    const kind = roll < 0.9 ? 'place' : roll < 0.96 ? 'resource' : 'network';
    let lng: number | null = null;
    let lat: number | null = null;
    let dep: Departement | null = null;
    if (kind === 'place' || (kind === 'network' && rand() < 0.5)) {
      if (departements.length > 0) {
        dep = pick(departements);
        for (let tries = 0; tries < 50; tries++) {
          const x = dep.bbox[0] + rand() * (dep.bbox[2] - dep.bbox[0]);
          const y = dep.bbox[1] + rand() * (dep.bbox[3] - dep.bbox[1]);
          lng = x;
          lat = y;
          if (inDepartement(x, y, dep)) break;
        }
      } else {
        lng = -4.5 + rand() * 12.5;
        lat = 42.5 + rand() * 8.5;
      }
    }
    const parent = pick(PARENT_THEMES);
    const place = dep?.name ?? 'France';
    const name =
      kind === 'network'
        ? `Réseau ${pick(QUALIFIERS).toLowerCase()} ${place}`
        : kind === 'resource'
          ? `${pick(['Guide', 'Logiciel', 'Méthode', 'Jeu de données', 'Cahier'])} ${pick(QUALIFIERS).toLowerCase()} n°${i}`
          : `${pick(TYPES)} ${pick(QUALIFIERS)} ${place}`;
    entries.push({
      kind,
      name,
      summary: pick(PHRASES),
      description: `${pick(PHRASES)}\n\n${pick(PHRASES)}`,
      tags: [pick(TAGS), pick(TAGS)].filter((t, k, all) => all.indexOf(t) === k),
      city: dep ? dep.name : null,
      postcode: dep ? `${dep.code}000` : null,
      inseeCode: null,
      url: null,
      lng,
      lat,
      theme: rand() < 0.2 ? parent : pick(CHILD_THEMES[parent]!),
      source: 'bench-synthetic',
    });
  }
  return entries;
}

/** The 1,512 real tiers-lieux of the CGET 2019 census (Licence Ouverte 2.0), or none without the data. */
export function cgetEntries(rand: () => number): SeedEntry[] {
  const file = join(DATA_DIR, 'CGET_TiersLieux_2019.geojson');
  if (!existsSync(file)) return [];
  const geojson = JSON.parse(readFileSync(file, 'utf8')) as {
    features: {
      geometry: { coordinates: [number, number] } | null;
      properties: Record<string, string | null>;
    }[];
  };
  return geojson.features
    .filter((f) => f.geometry && Number.isFinite(f.geometry.coordinates[0]))
    .map((f) => {
      const p = f.properties;
      const web = p.WEB?.trim();
      const parent = PARENT_THEMES[Math.floor(rand() * PARENT_THEMES.length)]!;
      return {
        kind: 'place' as const,
        name: (p.NOM_TL ?? 'Tiers-lieu').slice(0, 200),
        summary: (p.TYPO ?? '').slice(0, 280),
        description: '',
        tags: ['tiers-lieu'],
        city: p.NOMCOM ?? null,
        postcode: p.CP ?? null,
        inseeCode: p.INSEECOM && /^[0-9AB]{5}$/.test(p.INSEECOM) ? p.INSEECOM : null,
        url: web ? (/^https?:\/\//.test(web) ? web : `http://${web}`) : null,
        lng: f.geometry!.coordinates[0],
        lat: f.geometry!.coordinates[1],
        theme: CHILD_THEMES[parent]![0]!,
        source: 'cget-2019',
      };
    });
}
