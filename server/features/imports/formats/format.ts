import type { Document as XmlDocument } from '@xmldom/xmldom';
import type { SheetTable } from './spreadsheet';

/** A GeoJSON geometry as a source gives it (any type: the mapping step keeps a point). */
export interface SourceGeometry {
  type: string;
  coordinates?: unknown;
  geometries?: unknown;
}

/** One record read from a source file, before any mapping. `rowNumber` counts data rows from 1. */
export interface ParsedRow {
  rowNumber: number;
  /** Flat or nested values; nested objects are reached with dotted paths (`address.postalCode`). */
  properties: Record<string, unknown>;
  geometry: SourceGeometry | null;
  /** The source's own id, when the format has a place for it (a Feature's `id`, GoGoCarto's `id`). */
  sourceRef?: string;
  /** An atlas entry id (a uuid Feature id from an atlas export): the entry keeps it. */
  entryId?: string;
}

/** A record the parser could not read or must skip; it is reported with a named reason. */
export interface UnreadableRow {
  rowNumber: number;
  reason: string;
  detail: string;
}

export type ParserOutput = ParsedRow | UnreadableRow;

export function isUnreadable(row: ParserOutput): row is UnreadableRow {
  return 'reason' in row;
}

/** Facts a parser learned about the file, for the report. */
export interface ParseInfo {
  columns: string[];
  delimiter?: string;
  warnings: string[];
  /** Theme definitions carried by the file (an atlas GeoJSON export's `themes` member). */
  themes?: unknown[];
}

/** The file as text, and already parsed when it is JSON or XML (KML, GPX); a spreadsheet's sheet as a table. */
export interface ParserInput {
  text: string;
  json?: unknown;
  xml?: XmlDocument;
  table?: SheetTable;
}

/** One parser per format; `parse` yields rows in file order. Structural failures throw ImportInputError. */
export interface FormatParser {
  parse(input: ParserInput, info: ParseInfo): AsyncIterable<ParserOutput>;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The input cannot be read at all (truncated, binary, empty, too wide): nothing is written. */
export class ImportInputError extends Error {
  override name = 'ImportInputError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}
