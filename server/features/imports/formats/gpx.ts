import { gpxGen } from '@tmcw/togeojson';
import { DOMImplementation, type Document, type Element } from '@xmldom/xmldom';
import {
  type FormatParser,
  ImportInputError,
  isRecord,
  type ParseInfo,
  type ParserInput,
  type ParserOutput,
  type SourceGeometry,
} from './format';
import { rootName } from './xml-document';

// GPX as uMap, OsmAnd or a GPS write it, read by @tmcw/togeojson. Waypoints (`wpt`) are the places;
// routes and tracks are lines, which the mapping turns into a point on them (and says so). togeojson
// reads tracks, then routes, then waypoints, and drops silently any it cannot place: so each element is
// converted on its own, which keeps the rows in file order and reports those it dropped.

const ELEMENTS = new Set(['wpt', 'rte', 'trk']);
const LABELS: Record<string, string> = { wpt: 'waypoint', rte: 'route', trk: 'track' };
// Per-point arrays of a track (times, heart rates): measurements, not the place's fields.
const DROPPED = new Set(['_gpxType', 'coordinateProperties']);

/** A GPX document: one row per waypoint, route or track, in document order. */
export const gpxParser: FormatParser = {
  async *parse({ xml }: ParserInput, info: ParseInfo): AsyncIterable<ParserOutput> {
    if (!xml || rootName(xml) !== 'gpx') {
      throw new ImportInputError(
        `This is not GPX: its root element is <${xml ? rootName(xml) : '?'}>, not <gpx>.`,
        'invalid-gpx',
      );
    }
    const root = xml.documentElement as Element;
    const columns = new Set(info.columns);
    let rowNumber = 0;
    for (const element of childElements(root)) {
      const name = element.localName ?? element.nodeName;
      if (!ELEMENTS.has(name)) continue;
      rowNumber++;
      const row = readElement(root, element, name, rowNumber);
      if ('properties' in row && columns.size < 500) for (const key in row.properties) columns.add(key);
      yield row;
    }
    if (rowNumber === 0) {
      throw new ImportInputError('This GPX holds no waypoint, route or track to import.', 'no-placemarks');
    }
    info.columns = [...columns];
  },
};

function* childElements(root: Element): Generator<Element> {
  for (let node = root.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === 1) yield node as Element;
  }
}

function readElement(root: Element, element: Element, name: string, rowNumber: number): ParserOutput {
  const [feature] = gpxGen(alone(root, element));
  if (!feature) {
    const what = LABELS[name] ?? name;
    return {
      rowNumber,
      reason: 'invalid-coordinates',
      detail: `a ${what} without valid lat/lon coordinates`,
    };
  }
  const properties: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(feature.properties ?? {})) {
    if (!DROPPED.has(key)) properties[key] = value;
  }
  // `<link href>` elements: the first is the place's address, all are its links.
  if (Array.isArray(properties.links)) {
    const hrefs = properties.links.flatMap((l) =>
      isRecord(l) && typeof l.href === 'string' ? [l.href] : [],
    );
    properties.links = hrefs;
    if (hrefs[0] && properties.url === undefined) properties.url = hrefs[0];
  }
  return { rowNumber, properties, geometry: (feature.geometry as SourceGeometry | null) ?? null };
}

const dom = new DOMImplementation();

// A document holding the root's attributes (its namespaces, which togeojson reads extensions by) and
// one element of it.
function alone(root: Element, element: Element): Document {
  const doc = dom.createDocument(root.namespaceURI, root.nodeName, null);
  const wrapper = doc.documentElement as Element;
  for (let i = 0; i < root.attributes.length; i++) {
    const attr = root.attributes.item(i);
    if (attr) wrapper.setAttribute(attr.name, attr.value);
  }
  wrapper.appendChild(doc.importNode(element, true));
  return doc;
}
