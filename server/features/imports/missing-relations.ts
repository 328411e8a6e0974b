import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';
import type { MissingRelation } from '../../contract/import';
import type { ImportReport } from './import.repository';
import type { NormalizedRow } from './mapping-apply';
import { isEntryId } from './mapping-extras';

const LOOKUP_CHUNK = 10_000;

/**
 * The links of `rows` whose target is neither one of `fileIds` (the entries this import writes) nor a live
 * entry of the atlas, or is not an entry id at all, in row order. The rows themselves are imported; these
 * links are not written, and the report lists them.
 */
export async function findMissingRelations(
  db: Kysely<Database>,
  rows: NormalizedRow[],
  fileIds: ReadonlySet<string>,
): Promise<MissingRelation[]> {
  const asked = new Set<string>();
  for (const row of rows) {
    for (const r of row.relations) if (isEntryId(r.to) && !fileIds.has(r.to)) asked.add(r.to);
  }
  const existing = await existingEntryIds(db, [...asked]);
  const missing: MissingRelation[] = [];
  for (const row of rows) {
    for (const r of row.relations) {
      const found = isEntryId(r.to) && (fileIds.has(r.to) || existing.has(r.to));
      if (!found)
        missing.push({ row: row.rowNumber, type: r.type, target: r.to, targetName: r.name ?? null });
    }
  }
  return missing.sort((a, b) => a.row - b.row);
}

async function existingEntryIds(db: Kysely<Database>, ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) {
    const chunk = ids.slice(i, i + LOOKUP_CHUNK);
    const { rows } = await sql<{ id: string }>`
      SELECT id FROM entries WHERE id = ANY(${chunk}::uuid[]) AND deleted_at IS NULL`.execute(db);
    for (const r of rows) found.add(r.id);
  }
  return found;
}

const REPORT_LIST_MAX = 1_000;

/** Puts the links left out in the report: listed (the first thousand), and summed up in a warning. */
export function reportMissingRelations(report: ImportReport, missing: MissingRelation[]): void {
  const warnings = (report.warnings ?? []).filter((w) => !w.startsWith(WARNING_START));
  if (missing.length > 0) {
    const n = missing.length;
    warnings.push(
      `${WARNING_START}${n} link${n > 1 ? 's' : ''} name${n > 1 ? '' : 's'} an entry that is neither in the file nor in the atlas: ` +
        `not written, the rows themselves are imported${n > REPORT_LIST_MAX ? `; the first ${REPORT_LIST_MAX} are listed` : ''}`,
    );
  }
  report.warnings = warnings;
  report.missingRelations = missing.slice(0, REPORT_LIST_MAX);
}

// Recognises the summary again when a real run replaces the dry run's plan with what it found.
const WARNING_START = 'missing links: ';
