import type { FastifyReply, FastifyRequest } from 'fastify';
import { CSRF_COOKIE } from '../../plugins/auth';
import { type NewSession, SESSION_COOKIE, SESSION_IDLE_MS } from './session.repository';

// HttpOnly so no script can read it, SameSite=Lax so other sites' forms do not carry it on POST, Secure
// whenever the request came over HTTPS (directly or, with ATLAS_TRUST_PROXY, through a proxy).
function cookieOptions(request: FastifyRequest) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: request.protocol === 'https',
  };
}

/** Sets the session cookie and returns the CSRF token bound to that session. */
export function startBrowserSession(
  request: FastifyRequest,
  reply: FastifyReply,
  session: NewSession,
): string {
  reply.setCookie(SESSION_COOKIE, session.secret, {
    ...cookieOptions(request),
    maxAge: SESSION_IDLE_MS / 1000,
  });
  return reply.generateCsrf({ userInfo: session.key, ...cookieOptions(request) });
}

/** Extends the cookie's life along with the session's (the session itself slides on the server). */
export function refreshBrowserSession(
  request: FastifyRequest,
  reply: FastifyReply,
  sessionKey: string,
): string {
  const secret = request.cookies[SESSION_COOKIE];
  if (secret)
    reply.setCookie(SESSION_COOKIE, secret, { ...cookieOptions(request), maxAge: SESSION_IDLE_MS / 1000 });
  return reply.generateCsrf({ userInfo: sessionKey, ...cookieOptions(request) });
}

export function endBrowserSession(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(request));
  reply.clearCookie(CSRF_COOKIE, cookieOptions(request));
}
