import type { ExportRow } from '../export.rows';

/** A theme as exports describe it. */
export interface ExportTheme {
  slug: string;
  parent: string | null;
  labels: { fr: string; en: string };
  color: string;
  icon: string | null;
}

export interface ExportContext {
  themes: Map<string, ExportTheme>;
  /** Where this atlas is served, for links back to its entries. */
  baseUrl: string;
}

/** One file per export format: text before the rows, each row (null skips it), text after them. */
export interface ExportFormat {
  contentType: string;
  filename: string;
  /** Extra conditions on `entries e` (the mednum file takes places only). */
  onlyPlaces?: boolean;
  onlyLocated?: boolean;
  head(ctx: ExportContext): string;
  row(row: ExportRow, ctx: ExportContext, index: number): string | null;
  tail(ctx: ExportContext): string;
}
