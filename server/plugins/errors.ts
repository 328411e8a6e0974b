import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';
import type { FieldError } from '../contract/problem';
import { HttpProblem, titleFor } from '../lib/http-problem';

/** One error handler for the whole app: every failure leaves as application/problem+json, never a stack trace. */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) {
      reply.headers(error.headers);
      return sendProblem(reply, error.status, {
        type: error.type,
        title: error.title,
        detail: error.message,
        ...(error.errors ? { errors: error.errors } : {}),
        ...error.extra,
      });
    }
    if (error.validation) {
      const errors: FieldError[] = error.validation.map((v) => ({
        path: `${contextPrefix(error.validationContext)}${v.instancePath || ''}${missingProperty(v.params)}`,
        message: v.message ?? 'is invalid',
      }));
      return sendProblem(reply, 400, {
        type: '/problems/validation',
        title: 'Invalid request',
        detail: errors.map((e) => `${e.path || '(body)'} ${e.message}`).join('; '),
        errors,
      });
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 400 && status < 500) {
      return sendProblem(reply, status, {
        type: `/problems/${error.code?.toLowerCase() ?? 'client-error'}`,
        title: titleFor(status),
        detail: clientMessage(error),
      });
    }
    // Overload, not a bug: every pooled connection stayed busy. The client may retry shortly.
    if (/timeout exceeded when trying to connect/.test(error.message)) {
      request.log.warn('database pool exhausted');
      reply.header('retry-after', '2');
      return sendProblem(reply, 503, {
        type: '/problems/overloaded',
        title: 'Service Unavailable',
        detail:
          'The server is busy; retry in a few seconds (writes are idempotent with a client-chosen id and If-Match).',
      });
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendProblem(reply, 500, {
      type: '/problems/internal',
      title: 'Internal Server Error',
      detail: 'Something went wrong on our side; the error was logged.',
    });
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, 404, {
      type: '/problems/not-found',
      title: 'Not Found',
      detail: `No route for ${request.method} ${request.url.split('?')[0]}`,
    }),
  );
});

export function sendProblem(
  reply: FastifyReply,
  status: number,
  body: { type: string; title: string; detail: string; errors?: FieldError[]; [key: string]: unknown },
) {
  return reply
    .code(status)
    .type('application/problem+json; charset=utf-8')
    .send(JSON.stringify({ ...body, status }));
}

function contextPrefix(context: string | undefined): string {
  return context === 'body' || context === undefined ? '' : `/${context}`;
}

function missingProperty(params: unknown): string {
  const p = params as { missingProperty?: string; additionalProperty?: string } | undefined;
  if (p?.missingProperty) return `/${p.missingProperty}`;
  if (p?.additionalProperty) return `/${p.additionalProperty}`;
  return '';
}

// Fastify's own client errors carry safe messages (malformed JSON, body too large, bad media type).
function clientMessage(error: FastifyError): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is larger than the limit of 1 MB.';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported Content-Type: send application/json (or application/geo+json).';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return 'The JSON body is empty.';
    default:
      return error.message.split('\n')[0] ?? 'Bad request';
  }
}
