import type { EntryCollection } from '../../../server/contract/entry';
import type {
  JoinResult,
  ModerateInput,
  ModerateResult,
  Workshop,
  WorkshopInput,
} from '../../../server/contract/workshop';
import { getJson, requestJson } from '../../lib/http';

// The workshop routes (issue 4), authenticated with the session's token by lib/http.

const base = (code: string) => `/api/workshops/${encodeURIComponent(code)}`;

export function getWorkshop(code: string, signal?: AbortSignal): Promise<Workshop> {
  return getJson<Workshop>(base(code), signal);
}

export async function listWorkshops(): Promise<Workshop[]> {
  return (await getJson<{ workshops: Workshop[] }>('/api/workshops')).workshops;
}

export async function createWorkshop(input: WorkshopInput): Promise<Workshop> {
  return (await requestJson<Workshop>('/api/workshops', { method: 'POST', body: input })).data;
}

/** Joins with a display name; the answer holds the contributor token, shown this once. */
export async function joinWorkshop(code: string, displayName: string): Promise<JoinResult> {
  return (await requestJson<JoinResult>(`${base(code)}/join`, { method: 'POST', body: { displayName } }))
    .data;
}

export async function setWorkshopOpen(code: string, open: boolean): Promise<Workshop> {
  return (await requestJson<Workshop>(`${base(code)}/${open ? 'reopen' : 'close'}`, { method: 'POST' })).data;
}

export function getPending(code: string): Promise<EntryCollection> {
  return getJson<EntryCollection>(`${base(code)}/pending`);
}

export async function moderate(code: string, input: ModerateInput): Promise<ModerateResult> {
  return (await requestJson<ModerateResult>(`${base(code)}/moderate`, { method: 'POST', body: input })).data;
}

/** The URL of the workshop's QR code (an SVG made by the server). */
export function qrCodeUrl(code: string): string {
  return `${base(code)}/qr.svg`;
}

export function exportUrl(code: string, format: 'geojson' | 'csv'): string {
  return `${base(code)}/export.${format}`;
}
