import type { Report } from '../../contract/moderation';

export interface ReportRow {
  id: string;
  entry_id: string;
  reason: Report['reason'];
  comment: string;
  duplicate_of: string | null;
  status: Report['status'];
  created_at: Date | string;
  reporter_id?: string | null;
  reporter_name?: string | null;
  resolved_at?: Date | string | null;
  resolved_by?: string | null;
  resolver_name?: string | null;
  resolution_note?: string | null;
}

/** A report as the API returns it; who sent and who resolved it only for moderators. */
export function toReport(row: ReportRow, forModerator: boolean): Report {
  const report: Report = {
    id: row.id,
    entryId: row.entry_id,
    reason: row.reason,
    comment: row.comment,
    duplicateOf: row.duplicate_of,
    status: row.status,
    createdAt: new Date(row.created_at).toISOString(),
  };
  if (!forModerator) return report;
  return {
    ...report,
    reporter: row.reporter_id ? { id: row.reporter_id, displayName: row.reporter_name ?? '' } : null,
    resolvedAt: row.resolved_at ? new Date(row.resolved_at).toISOString() : null,
    resolvedBy: row.resolved_by ? { id: row.resolved_by, displayName: row.resolver_name ?? '' } : null,
    resolutionNote: row.resolution_note ?? null,
  };
}
