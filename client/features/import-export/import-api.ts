import type { ImportFormat, ImportMapping, ImportRecord } from '../../../server/contract/import';
import { ApiError, CLIENT_PROBLEMS, problemFromResponse } from '../../lib/api-error';
import { requestJson } from '../../lib/http';
import { authHeaders } from '../../lib/session';

/** Where the file comes from: one picked on this device, or an address the server fetches. */
export type ImportSource = { file: File } | { url: string };

/** What is sent for a dry run or a real run: the same options, so the real run does what the preview showed. */
export interface ImportOptions {
  source: ImportSource;
  format: ImportFormat;
  sourceName: string;
  /** Undefined for the first dry run: the server guesses it from the columns. */
  mapping: ImportMapping | undefined;
  onDuplicate: 'skip' | 'create';
  dryRun: boolean;
}

/**
 * A refused import request: the API's problem, plus what the dialog needs to explain it (the unreadable
 * file's `code`, and how long a rate-limited client must wait).
 */
export class ImportRequestError extends ApiError {
  constructor(
    problem: ConstructorParameters<typeof ApiError>[0],
    readonly code: string | null,
    readonly retryAfter: number | null,
  ) {
    super(problem);
  }
}

/**
 * POST /api/imports: a picked file goes as a multipart upload (its bytes untouched, so the server detects a
 * Windows-1252 file itself), an address as JSON. Resolves with the record (200 dry run, 202 real run).
 */
export async function postImport(options: ImportOptions, signal?: AbortSignal): Promise<ImportRecord> {
  const common = {
    ...(options.format !== 'auto' ? { format: options.format } : {}),
    ...(options.sourceName.trim() ? { sourceName: options.sourceName.trim().slice(0, 100) } : {}),
    onDuplicate: options.onDuplicate,
  };
  let body: BodyInit;
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders(true) };
  if ('file' in options.source) {
    const form = new FormData();
    for (const [name, value] of Object.entries(common)) form.append(name, value);
    form.append('dryRun', String(options.dryRun));
    if (options.mapping) form.append('mapping', JSON.stringify(options.mapping));
    form.append('file', options.source.file, options.source.file.name);
    body = form;
  } else {
    body = JSON.stringify({
      ...common,
      url: options.source.url,
      dryRun: options.dryRun,
      ...(options.mapping ? { mapping: options.mapping } : {}),
    });
    headers['content-type'] = 'application/json';
  }
  let response: Response;
  try {
    // A preview says so in the URL: the server then holds it to a dry run and counts it as a preview.
    response = await fetch(options.dryRun ? '/api/imports?dryRun=true' : '/api/imports', {
      method: 'POST',
      headers,
      body,
      credentials: 'same-origin',
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ImportRequestError(
      { type: CLIENT_PROBLEMS.network, title: 'Network error', status: 0 },
      null,
      null,
    );
  }
  if (!response.ok) throw await requestError(response);
  try {
    return (await response.json()) as ImportRecord;
  } catch {
    throw new ImportRequestError(
      { type: CLIENT_PROBLEMS.unexpectedAnswer, title: 'Invalid JSON', status: response.status },
      null,
      null,
    );
  }
}

export async function getImport(id: string, signal?: AbortSignal): Promise<ImportRecord> {
  return (await requestJson<ImportRecord>(`/api/imports/${id}`, { signal })).data;
}

/** The latest real imports (not the previews' dry runs). */
export async function listImports(limit: number, signal?: AbortSignal): Promise<ImportRecord[]> {
  return (await requestJson<{ imports: ImportRecord[] }>(`/api/imports?limit=${limit}`, { signal })).data
    .imports;
}

export async function revertImport(id: string): Promise<ImportRecord> {
  return (await requestJson<ImportRecord>(`/api/imports/${id}/revert`, { method: 'POST' })).data;
}

async function requestError(response: Response): Promise<ImportRequestError> {
  const retry = Number(response.headers.get('retry-after'));
  // Read twice: the shared reader keeps the problem's standard members, the `code` is the import's own.
  const copy = response.clone();
  const problem = await problemFromResponse(response);
  let code: string | null = null;
  try {
    const body = (await copy.json()) as { code?: unknown };
    if (typeof body.code === 'string') code = body.code;
  } catch {
    // Not JSON: the problem above was made from the status line.
  }
  return new ImportRequestError(problem, code, Number.isFinite(retry) && retry > 0 ? retry : null);
}
