import { timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { CookieOptions } from 'hono/utils/cookie';
import { authenticateKey } from '../../matching/admin/authenticate-key.ts';
import { readForm } from './form-body.ts';
import type { PageEnv } from './page-env.ts';
import type { MemorySessionStore, Session } from './session-store.ts';

export const sessionCookie = 'ca_session';
export const csrfField = '_csrf';

/** httpOnly and SameSite=Strict always; Secure whenever the browser reached us over HTTPS (directly or via a proxy). */
export function sessionCookieOptions(c: Context, maxAgeSeconds: number): CookieOptions {
  const https = new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
  return { path: '/app', httpOnly: true, sameSite: 'Strict', secure: https, maxAge: maxAgeSeconds };
}

export function startSession(c: Context<PageEnv>, store: MemorySessionStore, secret: string): Session {
  const session = store.create(secret);
  setCookie(c, sessionCookie, session.id, sessionCookieOptions(c, Math.floor(store.limits.absoluteMs / 1000)));
  return session;
}

export function endSession(c: Context<PageEnv>, store: MemorySessionStore) {
  const id = getCookie(c, sessionCookie);
  if (id) store.delete(id);
  deleteCookie(c, sessionCookie, { path: '/app', secure: sessionCookieOptions(c, 0).secure });
}

/**
 * Signed-in pages: the session from the cookie, and its API key authenticated again on every request through
 * the API's own verification, so a revoked key ends the session at once. No session: GET goes to the sign-in
 * page, anything else is refused (a form posted after sign-out must not be replayed after signing in again).
 */
export function requireSession(store: MemorySessionStore): MiddlewareHandler<PageEnv> {
  return async (c, next) => {
    const session = store.get(getCookie(c, sessionCookie));
    const actor = session ? await authenticateKey({ deps: c.get('deps'), secret: session.secret }) : null;
    if (!session || !actor) {
      if (session) store.delete(session.id);
      deleteCookie(c, sessionCookie, { path: '/app' });
      if (c.req.method === 'GET') return c.redirect('/app/sign-in?ended=1', 303);
      return c.text(c.get('texts').t('sessionEnded'), 401);
    }
    c.set('session', session);
    c.set('actor', actor);
    await next();
  };
}

const sameToken = (a: string, b: string) => {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
};

/**
 * A state-changing request came from our own page: the browser's Origin names this host (browsers send it on
 * every form post; `null` or another site is refused), and the form carries the token only our pages know —
 * the session's, or before sign-in the one paired with the sign-in cookie. Reads the form once for the handler.
 */
export function sameOriginPost(expectedToken: (c: Context<PageEnv>) => string | undefined): MiddlewareHandler<PageEnv> {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const origin = c.req.header('origin');
    const host = c.req.header('x-forwarded-host') ?? c.req.header('host');
    if (origin !== undefined && !sameHost(origin, host)) return c.text(c.get('texts').t('formExpired'), 403);
    const form = await readForm(c);
    const expected = expectedToken(c);
    if (!expected || !sameToken(form.text(csrfField), expected)) return c.text(c.get('texts').t('formExpired'), 403);
    c.set('form', form);
    await next();
  };
}

function sameHost(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
