import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { DomainError, type ErrorCode, type FieldIssue, ValidationError } from '../matching/core/errors.ts';
import type { AppEnv } from './env.ts';
import { fieldText, type Lang, pickLang, problemTitle, reasonText } from './i18n.ts';

const statusByCode: Record<ErrorCode, ContentfulStatusCode> = {
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  precondition_failed: 412,
};

export type ProblemInit = {
  status: ContentfulStatusCode;
  code: string;
  /** Reason code under `code`, worded from the catalog; params fill its placeholders. */
  reason?: string | undefined;
  params?: Record<string, string | number> | undefined;
  fields?: FieldIssue[] | undefined;
};

function langOf(c: Context<AppEnv>): Lang {
  return c.get('lang') ?? pickLang(c.req.header('accept-language'));
}

/** RFC 9457 problem document; `code` and `requestId` are our extension members. */
export function problem(c: Context<AppEnv>, init: ProblemInit): Response {
  const lang = langOf(c);
  const body = {
    type: `/problems/${init.code}`,
    title: problemTitle(init.code, lang),
    status: init.status,
    detail: reasonText(init.code, init.reason, lang, init.params),
    code: init.code,
    requestId: c.get('requestId') ?? '',
    ...(init.reason ? { reason: init.reason } : {}),
    ...(init.fields
      ? { errors: init.fields.map((f) => ({ field: f.field, code: f.issue, message: fieldText(f, lang) })) }
      : {}),
  };
  if (init.fields && init.fields.length > 0) {
    body.detail = init.fields.map((f) => `${f.field}: ${fieldText(f, lang)}`).join('; ');
  }
  return c.body(JSON.stringify(body), init.status, {
    'content-type': 'application/problem+json; charset=utf-8',
    'content-language': lang === 'zh' ? 'zh-CN' : 'en',
  });
}

export function domainProblem(c: Context<AppEnv>, error: DomainError): Response {
  const status = statusByCode[error.code];
  if (error instanceof ValidationError) return problem(c, { status, code: error.code, fields: error.fields });
  const reason = error.code === 'not_found' ? `resource_${error.params.resource}` : error.params.reason?.toString();
  return problem(c, { status, code: error.code, reason, params: error.params });
}

export { DomainError };
