import type { Context } from 'hono';
import { isUnsafeText } from '../../matching/core/unsafe-text.ts';
import type { PageEnv } from './page-env.ts';

export type FormBody = {
  /** The field's value, trimmed; '' when absent. */
  text(name: string): string;
  /** Every value of a repeated field (checkboxes). */
  all(name: string): string[];
  /** Names of fields holding text PostgreSQL cannot store (NUL, lone surrogates), refused before any verb. */
  unsafe: string[];
};

const formTypes = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/** A page form's fields; anything but a form body reads as an empty form, which every handler then rejects. */
export async function readForm(c: Context<PageEnv>): Promise<FormBody> {
  const type = c.req.header('content-type') ?? '';
  const parsed = formTypes.test(type) ? await c.req.parseBody({ all: true }) : {};
  const values = new Map<string, string[]>();
  for (const [name, value] of Object.entries(parsed)) {
    const list = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    values.set(name, list);
  }
  const unsafe = [...values].flatMap(([name, list]) => (isUnsafeText(name) || list.some(isUnsafeText) ? [name] : []));
  return {
    text: (name) => (values.get(name)?.[0] ?? '').trim(),
    all: (name) => (values.get(name) ?? []).map((v) => v.trim()).filter((v) => v !== ''),
    unsafe,
  };
}
