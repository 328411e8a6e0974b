import type { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Problem } from '../../contract/problem';
import { HttpProblem } from '../../lib/http-problem';
import { discoveryLink, isEmbeddablePath, OEmbedQuery, OEmbedResponse, oembedFor } from './oembed';

/** Headers a cross-origin script may read on the public API's answers. */
const EXPOSED = 'ETag, Location, Link, Retry-After';

/**
 * Embedding the atlas in other sites (issue 6): the oEmbed endpoint, its discovery link in the pages, and
 * CORS on the public read API. Framing (frame-ancestors for /embed only) is the security plugin's.
 */
export const embedPlugin = fp(
  async (app: FastifyInstance) => {
    const baseUrl = (request: FastifyRequest) =>
      app.config.publicUrl ?? `${request.protocol}://${request.host}`;

    // Reads are public: any site may fetch them. `*` never comes with credentials, so a cookie session or a
    // token is never usable from another origin; writes keep the same-origin policy (no preflight answer).
    app.addHook('onRequest', async (request, reply) => {
      if ((request.method === 'GET' || request.method === 'HEAD') && request.url.startsWith('/api/')) {
        reply.header('access-control-allow-origin', '*');
        reply.header('access-control-expose-headers', EXPOSED);
      }
    });

    // The oEmbed discovery link, in the <head> of the pages that have an embed (and as a Link header).
    app.addHook('onSend', async (request, reply, payload) => {
      if (request.method !== 'GET' || reply.statusCode !== 200) return payload;
      const path = request.url.split('?')[0] ?? '/';
      if (!isEmbeddablePath(path)) return payload;
      if (!String(reply.getHeader('content-type') ?? '').includes('text/html')) return payload;
      const base = baseUrl(request);
      const link = discoveryLink(base, `${base}${request.url}`);
      const html = await readPayload(payload);
      if (html === null) return payload;
      reply.removeHeader('content-length');
      reply.header('link', linkHeader(base, `${base}${request.url}`));
      return html.replace('</head>', `    ${link}\n  </head>`);
    });

    app.get(
      '/api/oembed',
      {
        schema: {
          summary: 'oEmbed for a page of the atlas (the app or /embed, with its filters): a rich iframe',
          description:
            'For CMSs that embed from a pasted link (WordPress, Discourse). `url` must be a page of this atlas; ' +
            '`format` other than json answers 501, as oEmbed asks.',
          tags: ['embed'],
          querystring: OEmbedQuery,
          response: { 200: OEmbedResponse, 400: Problem, 404: Problem, 501: Problem },
        },
      },
      async (request, reply) => {
        const query = request.query as OEmbedQuery;
        if (query.format !== undefined && query.format !== 'json') {
          throw new HttpProblem(501, 'Only the json format is offered.', { type: '/problems/oembed-format' });
        }
        const answer = oembedFor(query.url, baseUrl(request), query);
        if (!answer) {
          throw new HttpProblem(404, 'This URL is not a page of this atlas that can be embedded.', {
            type: '/problems/oembed-url',
          });
        }
        setCache(reply);
        return answer;
      },
    );
  },
  { name: 'embed' },
);

function setCache(reply: FastifyReply): void {
  reply.header('cache-control', 'public, max-age=3600');
}

function linkHeader(base: string, pageUrl: string): string {
  const href = `${base}/api/oembed?url=${encodeURIComponent(pageUrl)}&format=json`;
  return `<${href}>; rel="alternate"; type="application/json+oembed"`;
}

/** The HTML of a page answer: a string, a buffer, or the file stream @fastify/static sends. */
async function readPayload(payload: unknown): Promise<string | null> {
  if (typeof payload === 'string') return payload;
  if (Buffer.isBuffer(payload)) return payload.toString('utf8');
  if (payload && typeof (payload as Readable).pipe === 'function') {
    const chunks: Buffer[] = [];
    for await (const chunk of payload as Readable) chunks.push(Buffer.from(chunk as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  }
  return null;
}
