import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { ImportInputError } from './format';
import { parseXml, rootName } from './xml-document';

const LAUGHS =
  '<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY a "lol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>' +
  '<kml><Placemark><name>&b;</name></Placemark></kml>';

describe('parseXml', () => {
  it('refuses a document that declares entities before parsing it', () => {
    expect(() => parseXml(LAUGHS)).toThrow(ImportInputError);
    expect(() => parseXml(LAUGHS)).toThrow(/declares entities/);
  });

  // The refusal above is the first defence; this is the second, the parser's own behaviour.
  it('relies on xmldom, which leaves declared entities unexpanded even when asked to parse them', () => {
    const messages: string[] = [];
    const doc = new DOMParser({ onError: (_level, message) => messages.push(message) }).parseFromString(
      LAUGHS,
      'text/xml',
    );
    expect(doc.getElementsByTagName('name')[0]?.textContent).toBe('&b;');
    expect(messages.join('\n')).toMatch(/entity not found/);
  });

  it('says a truncated document is malformed or truncated', () => {
    expect(() => parseXml('<kml><Placemark><name>A</name>')).toThrow(/malformed or truncated/);
  });

  it('names the root element without its namespace prefix', () => {
    expect(rootName(parseXml('<kml:kml xmlns:kml="http://www.opengis.net/kml/2.2"/>'))).toBe('kml');
    expect(rootName(parseXml('<?xml version="1.0"?>\n<!-- exported -->\n<gpx version="1.1"/>'))).toBe('gpx');
  });
});
