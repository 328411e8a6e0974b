import { lookup } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** A source URL that may not be fetched, or that failed to load; the message is meant for the user. */
export class FetchRefused extends Error {
  override name = 'FetchRefused';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface FetchOptions {
  maxBytes: number;
  timeoutMs?: number;
  /** ATLAS_SYNC_ALLOW_PRIVATE=1: private, loopback and link-local addresses are allowed (tests, intranets). */
  allowPrivate?: boolean;
}

/** True for an address on the public internet; loopback, private, link-local, multicast and the like are not. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) {
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  }
  return parsed.range() === 'unicast';
}

export function privateAllowed(): boolean {
  return process.env.ATLAS_SYNC_ALLOW_PRIVATE === '1';
}

/**
 * Fetches a URL for an import or a sync without letting it reach this server's own network: every
 * address the name resolves to must be public (checked with dns.lookup, all addresses), and the check is
 * made again on the address actually connected to, so a DNS answer that changes in between gains
 * nothing. Redirects are followed (5 at most) under the same rules; the body is capped at `maxBytes`.
 */
export async function safeFetch(
  rawUrl: string,
  options: FetchOptions,
): Promise<{ body: Buffer; contentType: string | null }> {
  let url = parseUrl(rawUrl);
  for (let redirects = 0; redirects <= 5; redirects++) {
    await checkHost(url, options.allowPrivate ?? privateAllowed());
    const answer = await get(url, options);
    if ('location' in answer) {
      url = parseUrl(new URL(answer.location, url).toString());
      continue;
    }
    return answer;
  }
  throw new FetchRefused('Too many redirects.', 502);
}

function parseUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new FetchRefused(`Not a valid URL: ${raw}`, 400);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new FetchRefused('Only http and https URLs can be fetched.', 400);
  if (url.username || url.password) throw new FetchRefused('URLs with credentials are not accepted.', 400);
  return url;
}

/** Refuses, before anything is stored, a source URL that a fetch would refuse. */
export async function checkSourceUrl(rawUrl: string): Promise<void> {
  await checkHost(parseUrl(rawUrl), privateAllowed());
}

async function checkHost(url: URL, allowPrivate: boolean): Promise<void> {
  if (allowPrivate) return;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = ipaddr.isValid(host)
    ? [host]
    : await new Promise<string[]>((resolve, reject) => {
        lookup(host, { all: true, verbatim: true }, (error, found) => {
          if (error) reject(new FetchRefused(`The host ${host} cannot be resolved.`, 502));
          else resolve(found.map((a) => a.address));
        });
      });
  const blocked = addresses.find((a) => !isPublicAddress(a));
  if (blocked || addresses.length === 0) {
    throw new FetchRefused(
      `The URL points at a private, loopback or link-local address (${blocked ?? 'none'}); it is refused unless ATLAS_SYNC_ALLOW_PRIVATE=1.`,
      400,
    );
  }
}

// The connect-time check: the address the socket really uses must be public too.
function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const list = addresses as unknown as Array<{ address: string; family: number }>;
      const bad = allowPrivate ? undefined : list.find((a) => !isPublicAddress(a.address));
      if (bad) return callback(new FetchRefused(`Refused to connect to ${bad.address}.`, 400), '', 4);
      if ((options as { all?: boolean }).all)
        return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
      const first = list[0];
      if (!first) return callback(new Error(`no address for ${hostname}`), '', 4);
      callback(null, first.address, first.family);
    });
  };
}

function get(
  url: URL,
  options: FetchOptions,
): Promise<{ body: Buffer; contentType: string | null } | { location: string }> {
  const client = url.protocol === 'https:' ? https : http;
  const allowPrivate = options.allowPrivate ?? privateAllowed();
  return new Promise((resolve, reject) => {
    const request = client.get(
      url,
      {
        lookup: guardedLookup(allowPrivate),
        timeout: options.timeoutMs ?? 30_000,
        headers: {
          accept: 'application/json, application/geo+json, text/csv, */*',
          'user-agent': 'atlas-des-communs',
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        if (status >= 300 && status < 400 && response.headers.location) {
          response.resume();
          resolve({ location: response.headers.location });
          return;
        }
        if (status !== 200) {
          response.resume();
          reject(new FetchRefused(`The source answered HTTP ${status}.`, 502));
          return;
        }
        const declared = Number(response.headers['content-length'] ?? 0);
        if (declared > options.maxBytes) {
          response.destroy();
          reject(new FetchRefused(`The source is larger than ${options.maxBytes} bytes.`, 413));
          return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > options.maxBytes) {
            response.destroy();
            reject(new FetchRefused(`The source is larger than ${options.maxBytes} bytes.`, 413));
            return;
          }
          chunks.push(chunk);
        });
        response.on('end', () =>
          resolve({ body: Buffer.concat(chunks), contentType: response.headers['content-type'] ?? null }),
        );
        response.on('error', (error) => reject(new FetchRefused(`The source failed: ${error.message}`, 502)));
      },
    );
    request.on('timeout', () => request.destroy(new FetchRefused('The source did not answer in time.', 504)));
    request.on('error', (error) =>
      reject(
        error instanceof FetchRefused
          ? error
          : new FetchRefused(`The source cannot be reached: ${error.message}`, 502),
      ),
    );
  });
}
