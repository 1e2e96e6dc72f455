import type { Context } from 'hono';
import type { Page } from '../../matching/core/pagination.ts';
import type { PageEnv } from './page-env.ts';

/** Previous / next links that keep the page's other query parameters. */
export function Pager({ c, result }: { c: Context<PageEnv>; result: Page<unknown> }) {
  const { t } = c.get('texts');
  const link = (n: number) => {
    const url = new URL(c.req.url);
    url.searchParams.set('page', String(n));
    return `${url.pathname}${url.search}`;
  };
  const last = Math.max(1, Math.ceil(result.total / result.pageSize));
  return (
    <p class="pager muted">
      {result.page > 1 ? <a href={link(result.page - 1)}>{t('previous')}</a> : null}
      <span>{t('pageOf', { page: result.page, total: result.total })}</span>
      {result.page < last ? <a href={link(result.page + 1)}>{t('next')}</a> : null}
    </p>
  );
}
