import { kmlWithFolders } from '@tmcw/togeojson';
import type { Document } from '@xmldom/xmldom';
import {
  type FormatParser,
  ImportInputError,
  isRecord,
  type ParseInfo,
  type ParserInput,
  type ParserOutput,
  type SourceGeometry,
} from './format';
import { htmlToMarkdown } from './html-text';
import { rootName } from './xml-document';

// KML as Google My Maps, uMap and Google Earth write it, read by @tmcw/togeojson. A Placemark gives its
// `name`, `description`, `address` and the ExtendedData columns (`<Data name="…"><value>` for My Maps'
// tables, `<SimpleData>` for ogr2ogr's schemas) as properties; the folder it sits in (a My Maps layer,
// often a category) becomes the `folder` column, which the mapping offers as a theme column.

type Node = ReturnType<typeof kmlWithFolders>['children'][number];
type KmlFeature = Exclude<Node, { type: 'folder' }>;

// What togeojson reads of the styles: how the marker looks, not what the place is.
const STYLE_KEYS = new Set(['styleUrl', 'styleHash', 'styleMapHash', 'visibility', 'open', '@geometry-type']);
const STYLE_PREFIX = /^(icon|label|stroke|fill)(-|$)/;
const MAX_DEPTH = 20;

/** A KML document: one row per Placemark, in document order; overlays and network links are reported. */
export const kmlParser: FormatParser = {
  async *parse({ xml }: ParserInput, info: ParseInfo): AsyncIterable<ParserOutput> {
    const doc = kmlDocument(xml);
    const columns = new Set(info.columns);
    let rowNumber = 0;
    for (const { feature, folder } of walk(kmlWithFolders(doc).children, null, 0)) {
      rowNumber++;
      const row = readFeature(feature, folder, rowNumber);
      if ('properties' in row && columns.size < 500) for (const key in row.properties) columns.add(key);
      yield row;
    }
    if (rowNumber === 0) {
      throw new ImportInputError('This KML holds no placemark to import.', 'no-placemarks');
    }
    info.columns = [...columns];
  },
};

function kmlDocument(xml: Document | undefined): Document {
  if (!xml || rootName(xml) !== 'kml') {
    throw new ImportInputError(
      `This is not KML: its root element is <${xml ? rootName(xml) : '?'}>, not <kml>.`,
      'invalid-kml',
    );
  }
  return xml;
}

function* walk(
  nodes: Node[],
  folder: string | null,
  depth: number,
): Generator<{ feature: KmlFeature; folder: string | null }> {
  for (const node of nodes) {
    if (node.type === 'folder') {
      const name = typeof node.meta.name === 'string' ? node.meta.name.trim() : '';
      // Folders nested deeper than any real map are read as their parent's.
      if (depth < MAX_DEPTH) yield* walk(node.children, name || folder, depth + 1);
      else yield* walk(node.children, folder, depth);
    } else yield { feature: node, folder };
  }
}

function readFeature(feature: KmlFeature, folder: string | null, rowNumber: number): ParserOutput {
  const source = isRecord(feature.properties) ? feature.properties : {};
  const kind = source['@geometry-type'];
  if (kind === 'groundoverlay') {
    return {
      rowNumber,
      reason: 'invalid-row',
      detail: 'a GroundOverlay (an image laid on the map), not a place',
    };
  }
  if (kind === 'networklink') {
    const href = typeof source.href === 'string' ? source.href : '?';
    return {
      rowNumber,
      reason: 'invalid-row',
      detail: `a NetworkLink: its placemarks live at ${href}; import that address itself`,
    };
  }
  const properties: Record<string, unknown> = folder ? { folder } : {};
  for (const [key, value] of Object.entries(source)) {
    if (STYLE_KEYS.has(key) || STYLE_PREFIX.test(key)) continue;
    properties[key] = key === 'description' ? descriptionText(value) : value;
  }
  const row: ParserOutput = {
    rowNumber,
    properties,
    geometry: (feature.geometry as SourceGeometry | null) ?? null,
  };
  if (typeof feature.id === 'string' || typeof feature.id === 'number') row.sourceRef = String(feature.id);
  return row;
}

// A description in CDATA comes as `{"@type": "html", value}`; My Maps and Google Earth write HTML there.
function descriptionText(value: unknown): unknown {
  const html = isRecord(value) ? value.value : value;
  return typeof html === 'string' ? htmlToMarkdown(html.trim()) : value;
}
