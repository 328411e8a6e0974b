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

/** The account behind the token (or the cookie session), as `GET /api/auth/session` describes it. */
export interface Actor {
  id: string;
  displayName: string;
  role: 'admin' | 'facilitator' | 'contributor';
  workshopId: string | null;
}

let actorRequest: { token: string | null; promise: Promise<Actor | null> } | null = null;

/** Stores a pasted token as the session; who it belongs to is then asked of the API (getActor). */
export function setToken(token: string | null): void {
  const value = token?.trim() || null;
  setSession(
    value
      ? { token: value, displayName: '', role: 'contributor', workshop: null, contributorId: null }
      : null,
  );
}

/**
 * The current actor, asked once per token from `GET /api/auth/session`; null when anonymous or when the
 * token is not (or no longer) valid. It never throws.
 */
export function getActor(): Promise<Actor | null> {
  const token = getToken();
  if (actorRequest?.token !== token) actorRequest = { token, promise: fetchActor() };
  return actorRequest.promise;
}

/** Admins and facilitators moderate: they see every status and may revert. */
export function isModerator(actor: Pick<Actor, 'role'> | null): boolean {
  return actor?.role === 'admin' || actor?.role === 'facilitator';
}

async function fetchActor(): Promise<Actor | null> {
  try {
    const response = await fetch('/api/auth/session', {
      headers: { accept: 'application/json', ...authHeaders() },
      credentials: 'same-origin',
    });
    if (!response.ok) return null;
    const info = (await response.json()) as {
      account: (Actor & Record<string, unknown>) | null;
      csrfToken: string | null;
    };
    if (info.csrfToken) setCsrfToken(info.csrfToken);
    const account = info.account;
    return account
      ? {
          id: account.id,
          displayName: account.displayName,
          role: account.role,
          workshopId: account.workshopId,
        }
      : null;
  } catch {
    return null;
  }
}
