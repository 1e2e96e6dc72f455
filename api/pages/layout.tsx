import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Role } from '../../matching/core/actor.ts';
import type { PageEnv } from './page-env.ts';
import { csrfField } from './session.ts';
import type { Texts } from './texts.ts';

type Nav = { href: string; label: Parameters<Texts['t']>[0] }[];

/** What each role works on; the domain verbs still decide what each may do. */
const navByRole: Record<Role, Nav> = {
  manager: [{ href: '/app/queue', label: 'queue' }],
  enterprise: [
    { href: '/app/needs', label: 'myNeeds' },
    { href: '/app/needs/new', label: 'postNeed' },
  ],
  institution: [{ href: '/app/achievements', label: 'myAchievements' }],
  admin: [{ href: '/app', label: 'adminHome' }],
};

/** The current path and query, for the language switch to come back to. */
const here = (c: Context<PageEnv>) => {
  const url = new URL(c.req.url);
  url.searchParams.delete('lang');
  return `${url.pathname}${url.search}`;
};

/** Hidden CSRF field for a signed-in form. */
export const Csrf = ({ c }: { c: Context<PageEnv> }) => (
  <input type="hidden" name={csrfField} value={c.get('session').csrf} />
);

/**
 * Every page: the local stylesheet, the header (navigation for the signed-in role, language switch, sign-out)
 * and the content. No inline script or style anywhere: the CSP (page-headers.ts) would refuse them.
 */
export function page(c: Context<PageEnv>, title: string, body: Child, status: 200 | 400 | 401 | 403 | 404 | 409 = 200) {
  const texts = c.get('texts');
  const { t } = texts;
  const session = c.get('session');
  const actor = session ? c.get('actor') : undefined;
  const other = texts.lang === 'zh' ? 'en' : 'zh';
  const html = (
    <html lang={texts.lang === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>{`${title} · ${t('appName')}`}</title>
        <link rel="stylesheet" href="/app/assets/app.css" />
        <link rel="icon" href="/app/assets/favicon.svg" type="image/svg+xml" />
      </head>
      <body>
        <header class="top">
          <a class="brand" href="/app">
            {t('appName')}
          </a>
          <nav>
            {actor ? navByRole[actor.role].map((item) => <a href={item.href}>{t(item.label)}</a>) : null}
            <a id="lang-switch" href={`/app/lang?to=${other}&back=${encodeURIComponent(here(c))}`} hreflang={other}>
              {t('switchLang')}
            </a>
            {actor ? (
              <form method="post" action="/app/sign-out" class="inline">
                <Csrf c={c} />
                <button type="submit" class="plain">
                  {t('signOut')}
                </button>
              </form>
            ) : null}
          </nav>
        </header>
        <main>
          <h1>{title}</h1>
          {body}
        </main>
      </body>
    </html>
  );
  return c.html(`<!doctype html>${html}`, status);
}
