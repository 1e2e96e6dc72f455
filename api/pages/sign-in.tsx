import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { authenticateKey } from '../../matching/admin/authenticate-key.ts';
import { page } from './layout.tsx';
import type { PageEnv } from './page-env.ts';
import {
  csrfField,
  endSession,
  requireSession,
  sameOriginPost,
  sessionCookie,
  sessionCookieOptions,
  startSession,
} from './session.ts';
import { type MemorySessionStore, newFormToken } from './session-store.ts';

/** Pairs the sign-in form with this browser (double submit), so a forged page cannot sign a victim in as someone else. */
const signInCookie = 'ca_sign_in';

/** `GET/POST /app/sign-in` and `POST /app/sign-out`. */
export function registerSignIn(app: Hono<PageEnv>, store: MemorySessionStore) {
  app.get('/sign-in', (c) => signInForm(c, c.req.query('ended') ? 'sessionEnded' : undefined));
  app.post(
    '/sign-in',
    sameOriginPost((c) => getCookie(c, signInCookie)),
    async (c) => {
      const secret = c.get('form').text('key');
      const actor = secret ? await authenticateKey({ deps: c.get('deps'), secret }) : null;
      if (!actor) return signInForm(c, 'signInFailed', 401);
      deleteCookie(c, signInCookie, { path: '/app/sign-in' });
      // A fresh session id at every sign-in: an id planted before it can never become a signed-in one.
      const planted = getCookie(c, sessionCookie);
      if (planted) store.delete(planted);
      startSession(c, store, secret);
      return c.redirect('/app', 303);
    },
  );
  app.post(
    '/sign-out',
    requireSession(store),
    sameOriginPost((c) => c.get('session').csrf),
    (c) => {
      endSession(c, store);
      return c.redirect('/app/sign-in', 303);
    },
  );
}

function signInForm(c: Context<PageEnv>, message?: 'sessionEnded' | 'signInFailed', status: 200 | 401 = 200) {
  const { t } = c.get('texts');
  const token = newFormToken();
  setCookie(c, signInCookie, token, { ...sessionCookieOptions(c, 3600), path: '/app/sign-in' });
  const body = (
    <div class="card">
      <p>{t('signInIntro')}</p>
      {message ? <p class={message === 'signInFailed' ? 'error' : 'notice'}>{t(message)}</p> : null}
      <form method="post" action="/app/sign-in" class="stack" autocomplete="off">
        <input type="hidden" name={csrfField} value={token} />
        <label>
          {t('apiKey')}
          <input type="password" name="key" required autocomplete="off" spellcheck={false} placeholder="cak_…" />
        </label>
        <button type="submit">{t('signIn')}</button>
      </form>
    </div>
  );
  return page(c, t('signIn'), body, status);
}
