import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CgetPlace, CgetPlaceType } from './cget-places';

// Builds db/seeds/data/cget-tiers-lieux-2019.json from the CGET census CSV:
//   node --import tsx db/seeds/build-cget-seed.ts ../shared/data
// The argument is the CSV itself or the folder holding CGET_TiersLieux_2019.csv.
// Only facts about places are kept; CONTACT, MAIL, TWITTER and FACEBOOK are never read.

const CSV_NAME = 'CGET_TiersLieux_2019.csv';
const OUTPUT = fileURLToPath(new URL('./data/cget-tiers-lieux-2019.json', import.meta.url));
// Two rows with the same name closer than this are one place listed twice.
const DUPLICATE_METERS = 100;
// Reviewed by hand: same address and website, the name spelt differently. Census ID dropped → ID kept.
const REVIEWED_DUPLICATES: Record<string, string> = {
  '1195': '1443', // "Platforme C" → "Plateforme C", Hangar 30 quai des Antilles, Nantes
  '663': '227', // "la Loco Coworking" → "La Loco", rue Eugène et Marc Dulout, Pessac
  '1098': '720', // "Nova Spot" → "Coworking NOVA SPOT", 14 boulevard Charles Péguy, Alès
  '1286': '1020', // "Fablab du Clunisois" → "FabLab Clunisois", rue Porte de Paris, Cluny
  '1070': '611', // "La Cantine Aubuisson" → "La Cantine Toulouse", 27 rue d'Aubuisson, Toulouse
  '589': '23', // "Start-way Bastille" → "Start-Way", 100 boulevard Beaumarchais, Paris
};

type Row = Record<string, string>;

/** RFC 4180: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): Row[] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header, ...rows] = records.filter((r) => r.length > 1 || r[0] !== '');
  if (!header) return [];
  const names = header.map((h) => h.replace(/^\uFEFF/, '').trim());
  return rows.map((r) => Object.fromEntries(names.map((name, i) => [name, r[i] ?? ''])));
}

/** Undoes UTF-8 read as Latin-1 ("chezmÃ©mÃ©" → "chezmémé"), found in a few cells. */
export function fixMojibake(value: string): string {
  if (!looksLikeMojibake(value)) return value;
  const decoded = Buffer.from(value, 'latin1').toString('utf8');
  return decoded.includes('\uFFFD') ? value : decoded;
}

/** "Ã" or "Â" followed by a UTF-8 continuation byte, in a string that Latin-1 can hold. */
function looksLikeMojibake(value: string): boolean {
  let found = false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code > 0xff) return false;
    const next = value.charCodeAt(i + 1);
    if ((code === 0xc3 || code === 0xc2) && next >= 0x80 && next <= 0xbf) found = true;
  }
  return found;
}

/** Mojibake fixed, no-break spaces and runs of spaces collapsed, trimmed; empty → undefined. */
export function clean(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const text = fixMojibake(value)
    .replace(/[\s\u00A0]+/g, ' ')
    .trim();
  return text === '' ? undefined : text;
}

/** An http(s) address, or undefined: bare host names get `http://`; e-mails, names and notes are dropped. */
export function website(raw: string | undefined): string | undefined {
  const text = clean(raw);
  if (!text || text.includes('@')) return undefined;
  const explicit = text.match(/https?:\/\/[^\s|\]]+/i)?.[0];
  const candidate =
    explicit ?? (/^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/\S*)?$/i.test(text) ? `http://${text}` : '');
  if (!candidate) return undefined;
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

const TYPO: Record<string, CgetPlaceType> = {
  'Tiers lieux à dominante coworking': 'coworking',
  'Tiers lieux à dominante fablab': 'fablab',
};

// Types also read from the place's own name; kept to unambiguous words (not "repair": "Le Repaire…").
const NAME_TYPES: [RegExp, CgetPlaceType][] = [
  [/cowork/i, 'coworking'],
  [/fab\s?-?lab/i, 'fablab'],
  [/hacker\s?space|hack\s?lab/i, 'hackerspace'],
  [/maker\s?space/i, 'makerspace'],
  [/\bEPN\b|espace public num[ée]rique/i, 'epn'],
  [/agriculture urbaine/i, 'agriculture-urbaine'],
];

export function placeTypes(typo: string | undefined, name: string): CgetPlaceType[] {
  const types = new Set<CgetPlaceType>();
  const dominant = typo ? TYPO[typo] : undefined;
  if (dominant) types.add(dominant);
  for (const [pattern, type] of NAME_TYPES) if (pattern.test(name)) types.add(type);
  return [...types];
}

function inseeCode(raw: string | undefined): string | undefined {
  const text = clean(raw);
  if (!text || text === '0') return undefined;
  const code = /^\d{4}$/.test(text) ? `0${text}` : text;
  return /^(\d{5}|2[AB]\d{3})$/.test(code) ? code : undefined;
}

/** The declared postcode; when it is missing (`0`), the one in the geocoder's matched address. */
function postcode(raw: string | undefined, geocoded: string | undefined): string | undefined {
  const text = clean(raw);
  if (text && /^\d{4,5}$/.test(text) && text !== '0') return text.padStart(5, '0');
  const fromGeocoder = clean(geocoded)?.match(/\b\d{5}\b/g);
  return fromGeocoder ? fromGeocoder[fromGeocoder.length - 1] : undefined;
}

function coordinate(raw: string | undefined, limit: number): number | undefined {
  const value = Number(clean(raw));
  return Number.isFinite(value) && Math.abs(value) <= limit ? Math.round(value * 1e6) / 1e6 : undefined;
}

function duplicateKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\b(l|le|la|les)\b|'/g, ' ')
    .replace(/[^a-z0-9]+/g, '');
}

function meters(a: CgetPlace, b: CgetPlace): number {
  const dy = (a.lat - b.lat) * 111_320;
  const dx = (a.lng - b.lng) * 111_320 * Math.cos((a.lat * Math.PI) / 180);
  return Math.hypot(dx, dy);
}

export interface BuildReport {
  rows: number;
  kept: number;
  withoutCoordinates: string[];
  duplicates: { dropped: string; keeps: string }[];
  websitesDropped: number;
}

export function buildPlaces(rows: Row[]): { places: CgetPlace[]; report: BuildReport } {
  const report: BuildReport = {
    rows: rows.length,
    kept: 0,
    withoutCoordinates: [],
    duplicates: [],
    websitesDropped: 0,
  };
  const places: CgetPlace[] = [];
  const seen = new Map<string, CgetPlace[]>();
  const refs = new Set(rows.map((row) => clean(row.ID)));
  rows.forEach((row, index) => {
    const ref = clean(row.ID) ?? `row-${index + 1}`;
    const keeps = REVIEWED_DUPLICATES[ref];
    if (keeps && refs.has(keeps)) {
      report.duplicates.push({ dropped: ref, keeps });
      return;
    }
    const name = clean(row.NOM_TL);
    const lng = coordinate(row.LONG, 180);
    const lat = coordinate(row.LAT, 90);
    if (!name) return;
    if (lng === undefined || lat === undefined || (lng === 0 && lat === 0)) {
      report.withoutCoordinates.push(ref);
      return;
    }
    const web = website(row.WEB);
    if (clean(row.WEB) && !web) report.websitesDropped++;
    const place: CgetPlace = {
      ref,
      name,
      street: clean(row.ADRESSE),
      postcode: postcode(row.CP, row.GEOCOD),
      city: clean(row.NOMCOM) ?? clean(row.COMINIT),
      insee: inseeCode(row.INSEECOM),
      lng,
      lat,
      types: placeTypes(clean(row.TYPO), name),
      web,
    };
    const key = duplicateKey(name);
    const twin = seen.get(key)?.find((other) => meters(other, place) < DUPLICATE_METERS);
    if (twin) {
      report.duplicates.push({ dropped: ref, keeps: twin.ref });
      return;
    }
    seen.set(key, [...(seen.get(key) ?? []), place]);
    places.push(place);
  });
  report.kept = places.length;
  return { places, report };
}

/** One place per line: small diffs when the generator changes, and still one JSON array. */
export function serialize(places: CgetPlace[]): string {
  return `[\n${places.map((p) => JSON.stringify(p)).join(',\n')}\n]\n`;
}

function main(): void {
  const input = process.argv[2];
  if (!input) {
    console.error('usage: node --import tsx db/seeds/build-cget-seed.ts <../shared/data or the CSV file>');
    process.exit(2);
  }
  const file = statSync(input).isDirectory() ? join(input, CSV_NAME) : input;
  const { places, report } = buildPlaces(parseCsv(readFileSync(file, 'utf8')));
  const json = serialize(places);
  mkdirSync(dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, json);
  console.log(JSON.stringify({ ...report, output: OUTPUT, bytes: Buffer.byteLength(json) }, null, 2));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
