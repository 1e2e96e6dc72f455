import type { FieldIssue } from '../matching/core/errors.ts';
import { fieldMessages, problemTitles, reasonMessages } from './messages.ts';

export type Lang = 'zh' | 'en';

/** Chinese unless the caller ranks English higher: the service is for Chinese users first. */
export function pickLang(acceptLanguage: string | undefined): Lang {
  if (!acceptLanguage) return 'zh';
  const ranked = acceptLanguage
    .split(',')
    .map((part, order) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? '1');
      return { tag, q: Number.isFinite(q) ? q : 0, order };
    })
    .filter((entry) => entry.q > 0 && (entry.tag.startsWith('zh') || entry.tag.startsWith('en')))
    .sort((a, b) => b.q - a.q || a.order - b.order);
  return ranked[0]?.tag.startsWith('en') ? 'en' : 'zh';
}

const fill = (template: string, params: Record<string, string | number> = {}) =>
  template.replace(/\{(\w+)\}/g, (_, key: string) => String(params[key] ?? ''));

export function problemTitle(code: string, lang: Lang): string {
  const entry = problemTitles[code] ?? problemTitles.internal_error;
  return entry ? entry[lang] : code;
}

/** Detail for a reason code such as `only_enterprises_post_needs`; unknown reasons fall back to the title. */
export function reasonText(code: string, reason: string | undefined, lang: Lang, params = {}): string {
  const entry = reason ? reasonMessages[reason] : undefined;
  return entry ? fill(entry[lang], params) : problemTitle(code, lang);
}

export function fieldText(issue: FieldIssue, lang: Lang): string {
  const entry = fieldMessages[issue.issue] ?? fieldMessages[issue.issue.split('.')[0] ?? ''] ?? fieldMessages.invalid;
  return entry ? fill(entry[lang], issue.params) : issue.issue;
}
