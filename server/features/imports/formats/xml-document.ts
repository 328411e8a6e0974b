import { DOMParser, type Document, type Element } from '@xmldom/xmldom';
import { ImportInputError } from './format';

// KML and GPX arrive as XML. xmldom never expands an entity a DOCTYPE declares, nor fetches an external
// one (it leaves `&name;` as text and reports "entity not found"); a file that declares entities is
// refused all the same, because no KML or GPX writer emits them and such a file is either an attack
// (billion laughs, XXE) or would import literal `&name;` strings as names.

const ENTITY_DECLARATION = /<!ENTITY/i;

/** Parses XML text; malformed, truncated or entity-declaring XML throws ImportInputError. */
export function parseXml(text: string): Document {
  if (ENTITY_DECLARATION.test(text.slice(0, 1_000_000))) {
    throw new ImportInputError(
      'This XML declares entities (<!ENTITY …>), which KML and GPX files never need: it is refused.',
      'xml-entities',
    );
  }
  let fatal: string | null = null;
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level === 'fatalError') fatal ??= message;
      },
    }).parseFromString(text, 'text/xml');
  } catch (error) {
    const reason = fatal ?? (error instanceof Error ? error.message : String(error));
    throw new ImportInputError(
      `The XML cannot be read (malformed or truncated): ${firstLine(reason)}`,
      'invalid-xml',
    );
  }
  if (!doc.documentElement) {
    throw new ImportInputError('The XML cannot be read: it has no root element.', 'invalid-xml');
  }
  return doc;
}

/** The root element's name without its namespace prefix, in lower case (`kml`, `gpx`, `rss`, `html`…). */
export function rootName(doc: Document): string {
  const root = doc.documentElement as Element;
  return (root.localName ?? root.nodeName).toLowerCase();
}

/** The text looks like XML (or HTML): it starts with a tag once blank space is skipped. */
export function looksXml(text: string): boolean {
  return /^\s*</.test(text.slice(0, 1000));
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.slice(0, 300) ?? message;
}
