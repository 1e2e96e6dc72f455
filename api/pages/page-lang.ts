import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { Lang } from '../i18n.ts';
import type { PageEnv } from './page-env.ts';
import { textsFor } from './texts.ts';

export const langCookie = 'lang';
const isLang = (value: string | undefined): value is Lang => value === 'zh' || value === 'en';

/**
 * The page language: `?lang=` on this request, else the `lang` cookie the switch set, else Accept-Language
 * as the API reads it (Chinese unless English ranks higher).
 */
export const pageLang: MiddlewareHandler<PageEnv> = async (c, next) => {
  const query = c.req.query('lang');
  const cookie = getCookie(c, langCookie);
  const lang = isLang(query) ? query : isLang(cookie) ? cookie : c.get('lang');
  c.set('lang', lang);
  c.set('texts', textsFor(lang));
  await next();
};

/** Only a path inside the pages may be returned to, so the switch cannot be made to send anyone elsewhere. */
export const safeBack = (back: string | undefined) =>
  back && /^\/app(\/[\w\-/.%?=&]*)?$/.test(back) && !back.startsWith('//') ? back : '/app';

/** `GET /app/lang?to=en&back=/app/queue`: remembers the choice for a year and returns to the page. */
export function switchLang(c: Context<PageEnv>) {
  const to = c.req.query('to');
  if (isLang(to)) {
    setCookie(c, langCookie, to, { path: '/app', sameSite: 'Lax', maxAge: 365 * 86_400, httpOnly: true });
  }
  return c.redirect(safeBack(c.req.query('back')), 303);
}
