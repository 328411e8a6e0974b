import { ApiError, CLIENT_PROBLEMS, problemFromResponse } from './api-error';
import { authHeaders } from './session';

const JSON_TYPES = 'application/geo+json, application/json;q=0.9, application/problem+json;q=0.8';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal | undefined;
}

/** A successful answer: its JSON body (null for 204), its status and its `ETag`. */
export interface JsonResponse<T> {
  data: T;
  status: number;
  etag: string | null;
}

/**
 * One request to our own API, authenticated with the session's token; any failure becomes an `ApiError`
 * (status 0 when no answer came back). An aborted request rejects with the abort reason, as fetch does.
 */
export async function requestJson<T>(url: string, options: RequestOptions = {}): Promise<JsonResponse<T>> {
  const method = options.method ?? 'GET';
  const write = method !== 'GET';
  const headers: Record<string, string> = { accept: JSON_TYPES, ...authHeaders(write), ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new ApiError(
      { type: CLIENT_PROBLEMS.network, title: 'Network error', status: 0 },
      { cause: error },
    );
  }
  if (!response.ok) throw new ApiError(await problemFromResponse(response));
  const etag = response.headers.get('etag');
  if (response.status === 204) return { data: null as T, status: 204, etag };
  // A page of HTML in place of JSON means something else answered (a proxy, a static fallback).
  if (!(response.headers.get('content-type') ?? '').includes('json'))
    throw unexpectedAnswer(url, response.status);
  try {
    return { data: (await response.json()) as T, status: response.status, etag };
  } catch (error) {
    throw new ApiError(
      { type: CLIENT_PROBLEMS.unexpectedAnswer, title: 'Invalid JSON', status: response.status },
      { cause: error },
    );
  }
}

/** GET a JSON document. */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  return (await requestJson<T>(url, { signal })).data;
}

export function unexpectedAnswer(url: string, status = 200): ApiError {
  return new ApiError({
    type: CLIENT_PROBLEMS.unexpectedAnswer,
    title: 'Unexpected answer',
    status,
    detail: `${url} did not answer with the expected JSON document`,
  });
}
