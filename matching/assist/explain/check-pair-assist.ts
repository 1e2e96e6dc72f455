import type { Checked } from '../ask-model.ts';
import { visibleText } from '../prompt-data.ts';
import { uncitedIn } from './citations.ts';
import type { PairAssistContent } from './explain-result.ts';

/** What each part of the answer may cite: the manager's account both records, each message its reader's view. */
export type CitationSources = { all: string[]; enterprise: string[]; institution: string[] };

const MAX_TEXT = 2_000;
const text = (v: unknown) =>
  typeof v === 'string' && visibleText(v).trim() !== ''
    ? Array.from(visibleText(v).trim()).slice(0, MAX_TEXT).join('')
    : undefined;

/** A model's answer is used only when it has every part and cites nothing its sources do not contain. */
export function checkPairAssist(value: unknown, sources: CitationSources): Checked<PairAssistContent> {
  if (typeof value !== 'object' || value === null) return { ok: false, reason: 'invalid_output' };
  const v = value as Record<string, unknown>;
  const explanation = text(v.explanation);
  const toEnterprise = text(v.toEnterprise);
  const toInstitution = text(v.toInstitution);
  const citedTerms = Array.isArray(v.citedTerms) ? v.citedTerms.flatMap((t) => text(t) ?? []).slice(0, 30) : [];
  if (!explanation || !toEnterprise || !toInstitution) return { ok: false, reason: 'invalid_output' };
  const uncited = [
    ...uncitedIn(explanation, citedTerms, sources.all),
    ...uncitedIn(toEnterprise, [], sources.enterprise),
    ...uncitedIn(toInstitution, [], sources.institution),
  ];
  if (uncited.length > 0) return { ok: false, reason: 'uncited_content' };
  return { ok: true, value: { explanation, citedTerms, messages: { toEnterprise, toInstitution } } };
}
