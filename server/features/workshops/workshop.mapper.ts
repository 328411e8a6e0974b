import type { MultiPolygon } from '../../contract/geojson';
import type { Workshop } from '../../contract/workshop';
import type { WorkshopCountsRow, WorkshopRow } from './workshop.repository';

export interface WorkshopView {
  row: WorkshopRow;
  counts: WorkshopCountsRow;
  online: number;
  /** Present for the workshop's facilitators and admins. */
  manage?: {
    joinUrl: string;
    participants: { id: string; display_name: string; created_at: Date }[];
  };
}

/** The path of a workshop's QR code. */
export function qrPath(code: string): string {
  return `/api/workshops/${code}/qr.svg`;
}

/** The address a participant opens (the client reads `?join=`); the QR code encodes it. */
export function joinUrl(base: string, code: string): string {
  return `${base.replace(/\/$/, '')}/?join=${encodeURIComponent(code)}`;
}

export function toWorkshop(view: WorkshopView): Workshop {
  const { row, counts } = view;
  const workshop: Workshop = {
    code: row.code,
    title: row.title,
    description: row.description,
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    policy: row.policy,
    status: row.status,
    area: (row.area as MultiPolygon | null) ?? null,
    defaultThemes: row.default_themes,
    counts: { published: counts.published, participants: counts.participants, online: view.online },
  };
  if (view.manage) {
    workshop.manage = {
      id: row.id,
      joinUrl: view.manage.joinUrl,
      qrUrl: qrPath(row.code),
      createdBy: row.created_by ? { id: row.created_by, displayName: row.created_by_name ?? '' } : null,
      createdAt: new Date(row.created_at).toISOString(),
      counts: {
        pending: counts.pending,
        published: counts.published,
        rejected: counts.rejected,
        contributions: counts.contributions,
      },
      participants: view.manage.participants.map((p) => ({
        id: p.id,
        displayName: p.display_name,
        joinedAt: new Date(p.created_at).toISOString(),
      })),
    };
  }
  return workshop;
}

function iso(value: Date | null): string | null {
  return value ? new Date(value).toISOString() : null;
}
