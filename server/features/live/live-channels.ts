import { type Kysely, sql } from 'kysely';
import type { Database } from '../../../db/database';
import type { LiveBus } from '../../plugins/live-bus';

export { LIVE_CHANNEL } from '../revisions/revision.repository';

/** The NOTIFY channel for workshop signals between processes; the payload is `<kind>:<workshop id>`. */
export const WORKSHOP_CHANNEL = 'atlas_workshop';

/** Something about a workshop changed that its live subscribers must hear: its status or who is online. */
export interface WorkshopSignal {
  kind: 'status' | 'presence';
  workshopId: string;
}

/** Queues the NOTIFY for other processes; inside a transaction it is sent at commit. */
export async function notifyWorkshop(db: Kysely<Database>, signal: WorkshopSignal): Promise<void> {
  await sql`SELECT pg_notify(${WORKSHOP_CHANNEL}, ${`${signal.kind}:${signal.workshopId}`})`.execute(db);
}

/** Tells this process's hub at once (the embedded engine never delivers NOTIFY). Call it after commit. */
export function emitWorkshopSignal(bus: LiveBus, signal: WorkshopSignal): void {
  bus.emit('workshop', signal);
}

export function parseWorkshopSignal(payload: string | undefined): WorkshopSignal | null {
  const match = /^(status|presence):([0-9a-f-]{36})$/.exec(payload ?? '');
  if (!match?.[1] || !match[2]) return null;
  return { kind: match[1] as WorkshopSignal['kind'], workshopId: match[2] };
}
