/**
 * Who this browser writes as: the bearer token a workshop join or a facilitator gave, kept in localStorage
 * so that it survives a reload (and the outbox can still send after the tab was closed).
 */
export interface Session {
  token: string;
  displayName: string;
  role: string;
  /** The join code of the workshop this token belongs to, if any. */
  workshop: string | null;
  contributorId: string | null;
}

const KEY = 'atlas.session';
const listeners = new Set<(session: Session | null) => void>();

export function getSession(): Session | null {
  try {
    const raw = globalThis.localStorage?.getItem(KEY);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Session>;
    if (typeof value.token !== 'string' || value.token === '') return null;
    return {
      token: value.token,
      displayName: typeof value.displayName === 'string' ? value.displayName : '',
      role: typeof value.role === 'string' ? value.role : 'contributor',
      workshop: typeof value.workshop === 'string' ? value.workshop : null,
      contributorId: typeof value.contributorId === 'string' ? value.contributorId : null,
    };
  } catch {
    // Storage disabled, or a value written by something else: as if nobody had signed in.
    return null;
  }
}

export function getToken(): string | null {
  return getSession()?.token ?? null;
}

export function setSession(session: Session | null): void {
  try {
    if (session) globalThis.localStorage?.setItem(KEY, JSON.stringify(session));
    else globalThis.localStorage?.removeItem(KEY);
  } catch {
    // Without storage the session lasts as long as the page: the listeners still learn of it.
  }
  for (const listener of listeners) listener(session);
}

/** The CSRF token of a cookie session (admins and facilitators logged in with a password), from the API. */
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/**
 * The headers that authenticate a request: the bearer token when there is one; otherwise, for a write, the
 * CSRF token that a cookie session needs (the cookie itself rides along by itself).
 */
export function authHeaders(write = false): Record<string, string> {
  const token = getToken();
  if (token) return { authorization: `Bearer ${token}` };
  return write && csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

export function onSessionChange(listener: (session: Session | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
