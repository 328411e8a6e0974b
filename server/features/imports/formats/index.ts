import type { ImportFormat } from '../../../contract/import';
import { csvParser, detectDelimiter, headerLine } from './csv';
import { type FormatParser, ImportInputError, isRecord, type ParserInput } from './format';
import { geojsonParser } from './geojson';
import { gogocartoParser } from './gogocarto';
import { gpxParser } from './gpx';
import { jsonRecordsParser, recordsOf } from './json-records';
import { parseJson } from './json-text';
import { kmlParser } from './kml';
import { type SheetTable, sheetParser } from './spreadsheet';
import { umapParser } from './umap';
import { looksXml, parseXml, rootName } from './xml-document';

const RECORD_SEPARATOR = String.fromCharCode(0x1e);

export type ConcreteFormat = Exclude<ImportFormat, 'auto'>;

// A spreadsheet's sheet is a table as a CSV is: both go through the same reading of records (`table.ts`).
const tableParser: FormatParser = {
  parse: (input, info) => (input.table ? sheetParser : csvParser).parse(input, info),
};

/** One parser per format; the two "lieux de médiation numérique" flavours differ only in their mapping. */
export const PARSERS: Record<ConcreteFormat, FormatParser> = {
  csv: tableParser,
  'mednum-csv': tableParser,
  geojson: geojsonParser,
  umap: umapParser,
  gogocarto: gogocartoParser,
  'mednum-json': jsonRecordsParser,
  json: jsonRecordsParser,
  kml: kmlParser,
  gpx: gpxParser,
};

// Fields of the "lieux de médiation numérique" schema (and of the 2021 inclusion numérique schema it
// followed) that general tables of places do not have: with `nom`, `pivot` or two of them tell the schema.
// `commune` and `code_postal` alone do not: every French list of places has them.
const MEDNUM_MARKERS = [
  'pivot',
  'services',
  'typologie',
  'type_lieu',
  'presentation_resume',
  'presentation_detail',
  'horaires',
  'horaires_ouverture_osm',
  'structure_parente',
  'modalites_acces',
  'modalites_accompagnement',
  'publics_accueillis',
  'publics_specifiquement_adresses',
  'conditions_acces',
  'frais_a_charge',
  'prise_rdv',
  'courriels',
  'labels_nationaux',
  'adresse_code_postal',
];

function isMednumColumns(columns: string[]): boolean {
  if (!columns.includes('nom')) return false;
  const markers = MEDNUM_MARKERS.filter((m) => columns.includes(m));
  return markers.includes('pivot') || markers.length >= 2;
}

/**
 * Reads the format from the content (the file name is not trusted); JSON and XML are parsed once, here.
 * A spreadsheet (already read to a table) is a CSV, or "lieux de médiation numérique" by its columns.
 */
export function detectFormat(
  decoded: { text: string; table?: SheetTable },
  requested: ImportFormat = 'auto',
): { format: ConcreteFormat; input: ParserInput } {
  const { text, table } = decoded;
  if (table) return { format: tableFormat(table, requested), input: { text, table } };
  const trimmed = text.trimStart();
  if (requested === 'kml' || requested === 'gpx' || (requested === 'auto' && looksXml(trimmed))) {
    // Blank space before the XML declaration is an error to XML parsers, and harmless here.
    const xml = parseXml(trimmed);
    return {
      format: requested === 'auto' ? detectXmlFormat(rootName(xml)) : requested,
      input: { text, xml },
    };
  }
  // GeoJSONSeq lines may start with the record separator (U+001E).
  const looksJson = /^[{[]/.test(trimmed) || trimmed.startsWith(RECORD_SEPARATOR);
  const wantsJson = requested !== 'auto' && requested !== 'csv' && requested !== 'mednum-csv';
  if (!looksJson && !wantsJson) {
    const format = requested === 'auto' ? (isMednumHeader(text) ? 'mednum-csv' : 'csv') : requested;
    return { format, input: { text } };
  }
  const json = parseJson(trimmed);
  const input = { text, json };
  if (requested !== 'auto') return { format: requested, input };
  return { format: detectJsonFormat(json), input };
}

function detectJsonFormat(json: unknown): ConcreteFormat {
  if (isRecord(json)) {
    if (json.type === 'umap' || Array.isArray(json.layers)) return 'umap';
    if (json.type === 'FeatureCollection' || json.type === 'Feature' || Array.isArray(json.features)) {
      return isRecord(json._umap_options) ? 'umap' : 'geojson';
    }
    if (typeof json.ontology === 'string' && json.ontology.startsWith('gogo')) return 'gogocarto';
    if (Array.isArray(json.data) && json.data.length > 0 && looksGogo(json.data[0])) return 'gogocarto';
  }
  if (Array.isArray(json)) {
    const first = json.find((x) => x !== null);
    if (isRecord(first) && first.type === 'Feature') return 'geojson';
    if (looksGogo(first)) return 'gogocarto';
  }
  const records = recordsOf(json);
  const first = records.find(isRecord);
  if (!first) throw new ImportInputError('This JSON holds no record to import.', 'invalid-json');
  return isMednumColumns(Object.keys(first)) ? 'mednum-json' : 'json';
}

function detectXmlFormat(root: string): ConcreteFormat {
  if (root === 'kml') return 'kml';
  if (root === 'gpx') return 'gpx';
  if (root === 'html') {
    throw new ImportInputError(
      'This is a web page, not a data file: give the address of the file itself (KML, GPX, GeoJSON, CSV…).',
      'not-kml-gpx',
    );
  }
  throw new ImportInputError(
    `This XML is neither KML nor GPX (its root element is <${root}>): export the map as KML, GPX or GeoJSON.`,
    'not-kml-gpx',
  );
}

function looksGogo(element: unknown): boolean {
  return isRecord(element) && isRecord(element.geo) && 'latitude' in element.geo;
}

function tableFormat(table: SheetTable, requested: ImportFormat): 'csv' | 'mednum-csv' {
  if (requested === 'csv' || requested === 'mednum-csv') return requested;
  if (requested !== 'auto') {
    throw new ImportInputError(
      `This is a spreadsheet (${table.description}), not ${requested}: import it as CSV, or let the format be detected.`,
      'wrong-format',
    );
  }
  return isMednumColumns(table.header.map((c) => c.trim().toLowerCase())) ? 'mednum-csv' : 'csv';
}

function isMednumHeader(text: string): boolean {
  const { line, delimiter } = headerLine(text.slice(0, 200_000));
  const columns = line
    .split(delimiter ?? detectDelimiter(line))
    .map((c) => c.trim().replace(/^"|"$/g, '').toLowerCase());
  return isMednumColumns(columns);
}

export { ImportInputError };
