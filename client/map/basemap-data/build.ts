// Builds the bundled offline basemap: compact GeoJSON files in client/public/basemap/, served as same-origin
// static files (DESIGN §6). The `.geojson` extension keeps the formatter away from these one-line files.
// The output is committed; run this again only to change the data or its precision:
//
//   node --import tsx client/map/basemap-data/build.ts [folder holding the france-geojson files]
//
// The French files are read from that folder, else from ../shared/data beside the repository, else
// downloaded from the pinned france-geojson commit; their SHA-256 is checked in every case.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lineString, simplify } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiLineString, MultiPolygon, Position } from 'geojson';
import { merge, mesh } from 'topojson-client';
import type {
  GeometryCollection,
  Topology,
  MultiPolygon as TopoMultiPolygon,
  Polygon as TopoPolygon,
} from 'topojson-specification';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const outDir = join(repoRoot, 'client/public/basemap');
const require = createRequire(import.meta.url);

/** Natural Earth 1:50m: 1:110m is too coarse around France at the zooms people use. */
const WORLD_RESOLUTION = '50m';
/** Douglas–Peucker tolerance in degrees (~3 km), applied to the shared arcs so land and borders still meet. */
const WORLD_TOLERANCE = 0.03;
/** 3 decimals (~100 m) is finer than the 1:50m source (quantized to ~0.0036° × 0.0017°). */
const WORLD_DIGITS = 3;
/** 4 decimals (~10 m) keeps the already simplified IGN outlines as they are. */
const FRANCE_DIGITS = 4;

const FRANCE_GEOJSON_COMMIT = '5d34ee6d0140c29f785fdb047d9329f1aab58833';
const FRANCE_SOURCES = [
  {
    out: 'france-regions.geojson',
    file: 'regions-version-simplifiee.geojson',
    sha256: '3ad10f703df5dd1807062846f9dec05e4b5577da76177eedc548a7dbeb0e93c4',
  },
  {
    out: 'france-departements.geojson',
    file: 'departements-version-simplifiee.geojson',
    sha256: 'c08a1ad48299763b50ef649f05a911c1021500c94719a1aa22a9d06191e43fc3',
  },
] as const;

type Ring = Position[];

function roundPosition([x, y]: Position, digits: number): Position {
  const f = 10 ** digits;
  return [Math.round(x! * f) / f, Math.round(y! * f) / f];
}

/** Rounds a line and drops the points that rounding made identical to their predecessor. */
function roundLine(line: Position[], digits: number): Position[] {
  const out: Position[] = [];
  for (const p of line) {
    const r = roundPosition(p, digits);
    const last = out[out.length - 1];
    if (!last || last[0] !== r[0] || last[1] !== r[1]) out.push(r);
  }
  return out;
}

/** Rounds a polygon; an outer ring that collapsed takes its holes with it. */
function roundPolygon(rings: Ring[], digits: number): Ring[] | null {
  const [outer, ...holes] = rings.map((ring) => roundLine(ring, digits));
  if (!outer || outer.length < 4) return null;
  return [outer, ...holes.filter((ring) => ring.length >= 4)];
}

function compactGeometry(geometry: Geometry, digits: number): Geometry | null {
  switch (geometry.type) {
    case 'Polygon': {
      const rings = roundPolygon(geometry.coordinates, digits);
      return rings ? { type: 'Polygon', coordinates: rings } : null;
    }
    case 'MultiPolygon': {
      const polygons = geometry.coordinates
        .map((rings) => roundPolygon(rings, digits))
        .filter((rings) => rings !== null);
      return polygons.length > 0 ? { type: 'MultiPolygon', coordinates: polygons } : null;
    }
    case 'MultiLineString': {
      const lines = geometry.coordinates.map((l) => roundLine(l, digits)).filter((l) => l.length >= 2);
      return lines.length > 0 ? { type: 'MultiLineString', coordinates: lines } : null;
    }
    default:
      throw new Error(`unexpected geometry type ${geometry.type}`);
  }
}

function compactFeature<P>(properties: P, geometry: Geometry, digits: number): Feature<Geometry, P> {
  const compact = compactGeometry(geometry, digits);
  if (!compact) throw new Error(`a feature lost its whole geometry: ${JSON.stringify(properties)}`);
  return { type: 'Feature', properties, geometry: compact };
}

/** Simplifies every arc once, in place of every polygon, so shared borders stay shared. */
function simplifyTopology(topology: Topology, tolerance: number): Topology {
  const { transform } = topology;
  if (!transform) throw new Error('expected a quantized topology');
  const [sx, sy] = transform.scale;
  const [tx, ty] = transform.translate;
  const arcs = topology.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    const absolute = arc.map(([dx, dy]) => {
      x += dx!;
      y += dy!;
      return [x * sx + tx, y * sy + ty];
    });
    if (absolute.length <= 2) return absolute;
    return simplify(lineString(absolute), { tolerance, highQuality: true }).geometry.coordinates;
  });
  const { transform: _quantized, ...rest } = topology;
  return { ...rest, arcs };
}

function buildWorld(): FeatureCollection {
  const path = require.resolve(`world-atlas/countries-${WORLD_RESOLUTION}.json`);
  const topology = simplifyTopology(JSON.parse(readFileSync(path, 'utf8')) as Topology, WORLD_TOLERANCE);
  const countries = topology.objects.countries as GeometryCollection;
  // merge() wants the array of geometries, whatever its typings say about a collection.
  const land: MultiPolygon = merge(topology, countries.geometries as Array<TopoPolygon | TopoMultiPolygon>);
  // Only the borders between two countries: coastlines are drawn from the land's outline.
  const borders: MultiLineString = mesh(topology, countries, (a, b) => a !== b);
  return {
    type: 'FeatureCollection',
    features: [
      compactFeature({ kind: 'land' }, land, WORLD_DIGITS),
      compactFeature({ kind: 'border' }, borders, WORLD_DIGITS),
    ],
  };
}

async function readFranceSource(file: string, sha256: string, folder: string | undefined): Promise<string> {
  const candidates = [
    ...(folder ? [join(folder, file), join(folder, `france-geojson_${file}`)] : []),
    join(repoRoot, '../shared/data', `france-geojson_${file}`),
  ];
  let text: string | undefined;
  const local = candidates.find((candidate) => existsSync(candidate));
  if (local) {
    text = readFileSync(local, 'utf8');
  } else {
    const url = `https://raw.githubusercontent.com/gregoiredavid/france-geojson/${FRANCE_GEOJSON_COMMIT}/${file}`;
    console.log(`downloading ${url}`);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    text = await response.text();
  }
  const digest = createHash('sha256').update(text).digest('hex');
  if (digest !== sha256) throw new Error(`${file}: SHA-256 ${digest}, expected ${sha256}`);
  return text;
}

function buildFrance(text: string): FeatureCollection {
  const source = JSON.parse(text) as FeatureCollection<Geometry, { code: string; nom: string }>;
  const features = source.features
    .map((f) => compactFeature({ code: f.properties.code, nom: f.properties.nom }, f.geometry, FRANCE_DIGITS))
    .sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  return { type: 'FeatureCollection', features };
}

function write(name: string, data: FeatureCollection): number {
  const text = `${JSON.stringify(data)}\n`;
  writeFileSync(join(outDir, name), text);
  return Buffer.byteLength(text);
}

const sizes = new Map<string, number>();
mkdirSync(outDir, { recursive: true });
sizes.set('world.geojson', write('world.geojson', buildWorld()));
for (const source of FRANCE_SOURCES) {
  const text = await readFranceSource(source.file, source.sha256, process.argv[2]);
  sizes.set(source.out, write(source.out, buildFrance(text)));
}
const worldAtlasVersion = (require('world-atlas/package.json') as { version: string }).version;
writeFileSync(join(outDir, 'README.md'), readme(worldAtlasVersion));

let total = 0;
for (const [name, size] of sizes) {
  total += size;
  console.log(`${name.padEnd(26)} ${(size / 1024).toFixed(1).padStart(7)} KiB`);
}
console.log(`${'total'.padEnd(26)} ${(total / 1024).toFixed(1).padStart(7)} KiB`);

function readme(version: string): string {
  const [regions, departements] = FRANCE_SOURCES;
  return `# Offline basemap data

Generated by \`client/map/basemap-data/build.ts\` (\`node --import tsx client/map/basemap-data/build.ts\`); do not
edit by hand. Served as same-origin static files (\`/basemap/*.geojson\`) and drawn by MapLibre as vector layers,
so the default map makes no request to another server.

## Files

- \`world.geojson\`: the land (one MultiPolygon, \`kind: "land"\`) and the borders between countries (one
  MultiLineString, \`kind: "border"\`).
  Source: [Natural Earth](https://www.naturalearthdata.com/) Admin 0 countries 1:${WORLD_RESOLUTION}, version 4.1.0,
  through the npm package [world-atlas](https://github.com/topojson/world-atlas) ${version}
  (\`countries-${WORLD_RESOLUTION}.json\`). Licence: Natural Earth is in the public domain; world-atlas is under ISC.
- \`france-regions.geojson\`: the 13 régions of metropolitan France (\`code\`, \`nom\`).
  Source: IGN Admin Express COG 2018, through
  [gregoiredavid/france-geojson](https://github.com/gregoiredavid/france-geojson) at commit
  \`${FRANCE_GEOJSON_COMMIT}\`, file \`${regions.file}\` (SHA-256 \`${regions.sha256}\`).
  Licence: [Licence Ouverte / Open Licence](https://www.etalab.gouv.fr/licence-ouverte-open-licence) (Etalab).
- \`france-departements.geojson\`: the 96 départements of metropolitan France (\`code\`, \`nom\`).
  Source: the same repository and commit, file \`${departements.file}\` (SHA-256 \`${departements.sha256}\`).
  Licence: Licence Ouverte / Open Licence (Etalab).

## What the build changes

The world's arcs are simplified (Douglas–Peucker, ${WORLD_TOLERANCE}° tolerance, on the shared topology so that land
and borders still meet), merged into land and meshed into borders, and rounded to ${WORLD_DIGITS} decimals. The
French files keep only \`code\` and \`nom\` and are rounded to ${FRANCE_DIGITS} decimals. Points that rounding made
identical to their predecessor are dropped, and so are rings left with fewer than four points.

The map credits « Natural Earth » and « IGN Admin Express (Licence Ouverte) » in its attribution control.
`;
}
