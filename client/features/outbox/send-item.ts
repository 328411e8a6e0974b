import type { EntryFeature } from '../../../server/contract/entry';
import { retryAfterMs } from './backoff';
import type { FailureReason, OutboxItem } from './outbox-item';

/** What one attempt to send an item came to. */
export type SendOutcome =
  | { type: 'sent'; entry: EntryFeature }
  | { type: 'retry'; reason: FailureReason; status?: number; detail?: string; afterMs?: number | null }
  | {
      type: 'failed';
      reason: FailureReason;
      status: number;
      detail?: string;
      errors?: { path: string; message: string }[];
    }
  | { type: 'conflict'; theirs: EntryFeature };

/** The parts of a problem document (RFC 9457) the outbox reads; a 412 carries the current `entry`. */
export interface ProblemBody {
  type?: string;
  title?: string;
  detail?: string;
  errors?: { path: string; message: string }[];
  entry?: EntryFeature;
}

/**
 * Sends one item: a creation is a POST with the client's id (a retry of the same body answers the entry
 * already made), an edit is a PATCH with `If-Match` on the version it was based on.
 */
export async function sendItem(item: OutboxItem, fetchImpl: typeof fetch = fetch): Promise<SendOutcome> {
  const headers: Record<string, string> = {
    accept: 'application/geo+json, application/json;q=0.9, application/problem+json;q=0.8',
    'content-type': 'application/json',
  };
  if (item.token) headers.authorization = `Bearer ${item.token}`;
  if (item.op === 'update') headers['if-match'] = `"${item.baseVersion}"`;
  const url = item.op === 'create' ? '/api/entries' : `/api/entries/${encodeURIComponent(item.entryId)}`;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: item.op === 'create' ? 'POST' : 'PATCH',
      headers,
      body: JSON.stringify(item.body),
    });
  } catch {
    return { type: 'retry', reason: 'network' };
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // An empty or non-JSON body: the status alone decides.
  }
  if (response.ok && isFeature(body)) return { type: 'sent', entry: body };
  return classifyFailure(
    response.ok ? 502 : response.status,
    (body ?? {}) as ProblemBody,
    response.headers.get('retry-after'),
  );
}

/** What a failed answer means for the item: try again later, give up with a reason, or show a conflict. */
export function classifyFailure(
  status: number,
  problem: ProblemBody,
  retryAfter: string | null = null,
): SendOutcome {
  const detail = problem.detail ?? problem.title;
  const withDetail = detail ? { detail } : {};
  if (status === 412 && problem.entry && isFeature(problem.entry))
    return { type: 'conflict', theirs: problem.entry };
  if (status === 429)
    return { type: 'retry', reason: 'rate-limited', status, afterMs: retryAfterMs(retryAfter) };
  if (status >= 500 || status === 408) return { type: 'retry', reason: 'server', status, ...withDetail };
  if (status === 401) return { type: 'failed', reason: 'unauthorized', status, ...withDetail };
  if (status === 403) return { type: 'failed', reason: 'forbidden', status, ...withDetail };
  if (status === 404 || status === 410) return { type: 'failed', reason: 'not-found', status, ...withDetail };
  if (status === 409) return { type: 'failed', reason: 'id-conflict', status, ...withDetail };
  const errors = Array.isArray(problem.errors) ? { errors: problem.errors } : {};
  return { type: 'failed', reason: 'invalid', status, ...withDetail, ...errors };
}

function isFeature(value: unknown): value is EntryFeature {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'Feature' &&
    typeof (value as { id?: unknown }).id === 'string'
  );
}
