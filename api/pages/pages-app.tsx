import { readFileSync } from 'node:fs';
import type { Context, MiddlewareHandler } from 'hono';
import { Hono } from 'hono';
import type { Role } from '../../matching/core/actor.ts';
import { achievementPage, achievementsPage } from './achievements-pages.tsx';
import { errorPage, notFoundPage } from './error-page.tsx';
import { page } from './layout.tsx';
import { needFormPage, postNeed } from './need-form.tsx';
import { needPage, needsPage } from './needs-pages.tsx';
import type { PageEnv } from './page-env.ts';
import { pageLang, switchLang } from './page-lang.ts';
import { claimAction, decisionAction, stageAction } from './pair-actions.ts';
import { pairPage } from './pair-page.tsx';
import { queuePage } from './queue-page.tsx';
import { requireSession, sameOriginPost } from './session.ts';
import { MemorySessionStore } from './session-store.ts';
import { registerSignIn } from './sign-in.tsx';

export { pageHeaders } from './page-headers.ts';

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');
const stylesheet = asset('app.css');
const icon = asset('favicon.svg');
const assetCaching = 'public, max-age=300';

/** Where each role starts; the admin dashboard is a later slice. */
const startPage: Partial<Record<Role, string>> = {
  manager: '/app/queue',
  enterprise: '/app/needs',
  institution: '/app/achievements',
};

/** A section of the pages for one role; the verbs behind it check again, this only keeps the navigation honest. */
const only =
  (...roles: Role[]): MiddlewareHandler<PageEnv> =>
  async (c, next) => {
    if (roles.includes(c.get('actor').role)) return next();
    const { t } = c.get('texts');
    return page(c, t('forbiddenTitle'), <p class="card error">{t('notForRole')}</p>, 403);
  };

/**
 * The web pages, their own Hono app mounted at `/app` by api/app.ts, so form posts, cookies and HTML errors
 * never meet the JSON API's guards. Sign-in turns an API key into a server-side session (session-store.ts);
 * every POST needs the session's CSRF token and a same-origin `Origin`; every read and write goes through the
 * same domain verbs as the API routes.
 */
export function createPagesApp(store = new MemorySessionStore()) {
  const pages = new Hono<PageEnv>();
  pages.onError((error, c) => errorPage(c, error));
  pages.use('*', pageLang);

  pages.get('/assets/app.css', (c) =>
    c.body(stylesheet, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': assetCaching }),
  );
  pages.get('/assets/favicon.svg', (c) =>
    c.body(icon, 200, { 'content-type': 'image/svg+xml', 'cache-control': assetCaching }),
  );
  pages.get('/lang', switchLang);
  registerSignIn(pages, store);

  pages.use(
    '*',
    requireSession(store),
    sameOriginPost((c) => c.get('session').csrf),
  );
  pages.get('/', (c) => {
    const start = startPage[c.get('actor').role];
    return start ? c.redirect(start, 303) : adminHome(c);
  });

  pages.get('/queue', only('manager'), queuePage);
  pages.get('/pairs/:id', only('manager'), (c) => pairPage(c));
  pages.post('/pairs/:id/claim', only('manager'), claimAction);
  pages.post('/pairs/:id/decision', only('manager'), decisionAction);
  pages.post('/pairs/:id/stage', only('manager'), stageAction);

  pages.get('/needs', only('enterprise'), needsPage);
  pages.get('/needs/new', only('enterprise'), (c) => needFormPage(c));
  pages.post('/needs', only('enterprise'), postNeed);
  pages.get('/needs/:id', only('enterprise'), needPage);

  pages.get('/achievements', only('institution'), achievementsPage);
  pages.get('/achievements/:id', only('institution'), achievementPage);

  pages.all('*', notFoundPage);
  return pages;
}

function adminHome(c: Context<PageEnv>) {
  const { t } = c.get('texts');
  return page(
    c,
    t('adminHome'),
    <div class="card">
      <p>{t('adminIntro')}</p>
      <ul>
        <li>
          <a href="/admin/jobs">{t('jobsPage')}</a>
        </li>
        <li>
          <a href="/docs">{t('apiDocs')}</a>
        </li>
      </ul>
    </div>,
  );
}
