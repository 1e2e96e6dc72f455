import type { Context } from 'hono';
import { errorLogFields } from '../../matching/core/error-log-fields.ts';
import { DomainError, ValidationError } from '../../matching/core/errors.ts';
import { fieldText, problemTitle, reasonText } from '../i18n.ts';
import { page } from './layout.tsx';
import type { PageEnv } from './page-env.ts';

type ErrorStatus = 400 | 403 | 404 | 409;
const statusByCode: Partial<Record<DomainError['code'], ErrorStatus>> = {
  validation_failed: 400,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
};

/** A domain error in the page's language, worded from the API's catalogue so both say the same thing. */
export function errorMessage(c: Context<PageEnv>, error: DomainError): string {
  const { lang } = c.get('texts');
  if (error instanceof ValidationError) return error.fields.map((f) => `${f.field}: ${fieldText(f, lang)}`).join('; ');
  const reason = error.code === 'not_found' ? `resource_${error.params.resource}` : error.params.reason?.toString();
  return reasonText(error.code, reason, lang, error.params);
}

export const errorStatus = (error: DomainError): ErrorStatus => statusByCode[error.code] ?? 400;

/** Every error a page can meet becomes an HTML page with the right status; an unknown one is logged, never shown. */
export function errorPage(c: Context<PageEnv>, error: unknown) {
  const { t, lang } = c.get('texts');
  if (error instanceof DomainError) {
    const status = errorStatus(error);
    const title = status === 404 ? t('notFoundTitle') : status === 403 ? t('forbiddenTitle') : t('errorTitle');
    return page(c, title, <ErrorBody message={errorMessage(c, error)} />, status);
  }
  c.get('deps').logger.error(
    { error: errorLogFields(error), requestId: c.get('requestId'), method: c.req.method, path: c.req.path },
    'page error',
  );
  const body = <ErrorBody message={`${problemTitle('internal_error', lang)} (${c.get('requestId')})`} />;
  return c.html(`<!doctype html>${body}`, 500);
}

export function notFoundPage(c: Context<PageEnv>) {
  const { t, lang } = c.get('texts');
  const message = reasonText('not_found', 'route', lang, { method: c.req.method, path: c.req.path });
  return page(c, t('notFoundTitle'), <ErrorBody message={message} />, 404);
}

function ErrorBody({ message }: { message: string }) {
  return (
    <div class="card">
      <p class="error">{message}</p>
      <p>
        <a href="/app">←</a>
      </p>
    </div>
  );
}
