import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { Value } from 'typebox/value';
import { IMPORT_MAX_BYTES, ImportRequest } from '../../contract/import';
import { HttpProblem } from '../../lib/http-problem';
import { isImportPreview } from '../../plugins/rate-limit';
import { FetchRefused, safeFetch } from '../sync/safe-fetch';

// The limit lives in the contract so the client can check a file before sending it.
export { IMPORT_MAX_BYTES };

export interface ImportInput {
  bytes: Uint8Array;
  filename: string | null;
  request: ImportRequest;
}

/**
 * The three ways to send a file: JSON `{content | url, …}`, a multipart upload (a `file` part and the
 * other options as fields, `mapping` as JSON text), or the raw file (text/csv, application/octet-stream…)
 * with the options in the query string.
 */
export async function readImportInput(request: FastifyRequest): Promise<ImportInput> {
  const input = await readAnyInput(request);
  // A request sent as a preview was charged as one by the rate limits: it stays a dry run.
  return isImportPreview(request) ? { ...input, request: { ...input.request, dryRun: true } } : input;
}

async function readAnyInput(request: FastifyRequest): Promise<ImportInput> {
  if (request.isMultipart()) return readMultipart(request);
  const body = request.body;
  if (Buffer.isBuffer(body)) {
    const options = queryOptions(request);
    return { bytes: body, filename: options.filename ?? null, request: options };
  }
  if (isBareDocument(body)) {
    // The file itself sent as JSON (a FeatureCollection, a GoGoCarto answer…), options in the query string.
    return { bytes: Buffer.from(JSON.stringify(body)), filename: null, request: queryOptions(request) };
  }
  const options = checked(body);
  if (options.content !== undefined && options.url !== undefined) {
    throw new HttpProblem(400, 'Send either `content` or `url`, not both.');
  }
  if (options.content !== undefined) {
    return {
      bytes: Buffer.from(options.content, 'utf8'),
      filename: options.filename ?? null,
      request: options,
    };
  }
  if (options.url !== undefined) {
    const fetched = await fetchForImport(options.url);
    const name = new URL(options.url).pathname.split('/').pop() || null;
    return { bytes: fetched, filename: options.filename ?? name, request: options };
  }
  throw new HttpProblem(
    400,
    'Nothing to import: send `content`, `url`, or a multipart upload with a `file` part.',
  );
}

function queryOptions(request: FastifyRequest): ImportRequest {
  const query = request.query as Record<string, string | undefined>;
  return checked({
    ...(query.format ? { format: query.format } : {}),
    ...(query.sourceName ? { sourceName: query.sourceName } : {}),
    ...(query.filename ? { filename: query.filename } : {}),
    ...(query.onDuplicate ? { onDuplicate: query.onDuplicate } : {}),
    ...(query.mapping ? { mapping: parseJsonField(query.mapping, 'mapping') } : {}),
    dryRun: query.dryRun === 'true' || query.dryRun === '1',
  });
}

/** A JSON body that is a file to import rather than the options object. */
function isBareDocument(body: unknown): boolean {
  if (Array.isArray(body)) return true;
  if (typeof body !== 'object' || body === null) return false;
  const keys = Object.keys(body);
  return (
    !keys.includes('content') &&
    !keys.includes('url') &&
    ['type', 'features', 'layers', 'data', 'ontology'].some((k) => keys.includes(k))
  );
}

export async function fetchForImport(url: string): Promise<Buffer> {
  try {
    return (await safeFetch(url, { maxBytes: IMPORT_MAX_BYTES })).body;
  } catch (error) {
    if (error instanceof FetchRefused)
      throw new HttpProblem(error.status === 413 ? 413 : 422, error.message, {
        type: '/problems/source-unavailable',
      });
    throw error;
  }
}

async function readMultipart(request: FastifyRequest): Promise<ImportInput> {
  const fields: Record<string, unknown> = {};
  let bytes: Buffer | null = null;
  let filename: string | null = null;
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (bytes) throw new HttpProblem(400, 'Send one file per import.');
      bytes = await part.toBuffer();
      filename = part.filename || null;
    } else if (typeof part.value === 'string') {
      fields[part.fieldname] = part.value;
    }
  }
  const options = checked({
    ...fields,
    ...(typeof fields.mapping === 'string' ? { mapping: parseJsonField(fields.mapping, 'mapping') } : {}),
    ...(typeof fields.dryRun === 'string'
      ? { dryRun: fields.dryRun === 'true' || fields.dryRun === '1' }
      : {}),
  });
  if (!bytes) throw new HttpProblem(400, 'The multipart upload has no file part.');
  return { bytes, filename: options.filename ?? filename, request: options };
}

function parseJsonField(value: string, name: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    throw new HttpProblem(400, `The ${name} field is not valid JSON.`, {
      type: '/problems/validation',
      title: 'Invalid request',
      errors: [{ path: `/${name}`, message: 'is not valid JSON' }],
    });
  }
}

function checked(value: unknown): ImportRequest {
  if (Value.Check(ImportRequest, value)) return value as ImportRequest;
  const errors = [...Value.Errors(ImportRequest, value)].slice(0, 10).map((e) => ({
    path: e.instancePath || '/',
    message: e.message,
  }));
  throw new HttpProblem(400, errors.map((e) => `${e.path} ${e.message}`).join('; '), {
    type: '/problems/validation',
    title: 'Invalid request',
    errors,
  });
}
