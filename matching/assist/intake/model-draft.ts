import { confidentialityLevels } from '../../../schema/enums.ts';
import { createNeedInput } from '../../needs/need-input.ts';
import { visibleText } from '../prompt-data.ts';
import type { DroppedField } from './draft-check.ts';
import type { IntakeQuestion } from './intake-questions.ts';
import type { IntakeAnalysis } from './offline-intake.ts';

type Level = (typeof confidentialityLevels)[number];
const EXTRAS = new Set(['constraints', 'suggestedConfidentiality', 'confidentialityReason', 'questions']);
const ESSENTIAL = new Set(['title', 'description', 'chainId']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const cleanString = (v: unknown, max: number) =>
  typeof v === 'string' && visibleText(v).trim().length > 0
    ? Array.from(visibleText(v).trim()).slice(0, max).join('')
    : undefined;

/** Whether a figure occurs in the text as written (万元), in 元, or in 亿: a budget the text never states is invented. */
function figureStated(value: unknown, normalized: string): boolean {
  if (typeof value !== 'number') return true;
  // 亿 only for sums that large: 0.9999亿 is nobody's way of writing 9999万, and rounding it would read as 1.
  const candidates = value >= 1_000 ? [value, value * 10_000, value / 10_000] : [value, value * 10_000];
  const forms = candidates.map((n) => String(Number(n.toFixed(4))));
  return forms.some((form) => new RegExp(`(?<![\\d.])${form.replace('.', '\\.')}(?![\\d])`).test(normalized));
}

const stricter = (a: Level, b: Level) => (confidentialityLevels.indexOf(a) >= confidentialityLevels.indexOf(b) ? a : b);

export type ModelDraftCandidate = {
  fields: Record<string, unknown>;
  extras: {
    constraints: string[];
    suggested: { level: Level; reason: string } | null;
    questions: IntakeQuestion[];
  };
  notStated: DroppedField[];
};

/**
 * Splits a model's answer into the need's fields and the advice around them, cleans its strings of hidden
 * characters, and drops a budget or deadline the text does not state (the checks of `POST /v1/needs` come
 * after, in checkDraft). Undefined when the answer is not an object at all.
 */
export function modelDraftCandidate(value: unknown, analysis: IntakeAnalysis): ModelDraftCandidate | undefined {
  if (!isObject(value)) return undefined;
  const fields: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(value)) {
    if (EXTRAS.has(key)) continue;
    fields[key] = typeof raw === 'string' ? visibleText(raw).trim() : raw;
  }
  if (Array.isArray(fields.keywords)) {
    fields.keywords = fields.keywords.map((k) => (typeof k === 'string' ? visibleText(k).trim() : k));
  }
  const notStated: DroppedField[] = [];
  for (const key of ['budgetMin', 'budgetMax'] as const) {
    if (fields[key] != null && !analysis.budget && !figureStated(fields[key], analysis.normalized)) {
      delete fields[key];
      notStated.push({ field: key, reason: 'not_stated' });
    }
  }
  const deadline = fields.deadline;
  if (typeof deadline === 'string' && !analysis.deadline && !analysis.normalized.includes(deadline.slice(0, 4))) {
    delete fields.deadline;
    notStated.push({ field: 'deadline', reason: 'not_stated' });
  }
  const modelLevel = confidentialityLevels.find((l) => l === value.suggestedConfidentiality);
  const ruleLevel = analysis.suggested?.level;
  const level = stricter(modelLevel ?? 'public', ruleLevel ?? 'public');
  fields.confidentiality = level;
  const reason =
    level === ruleLevel && analysis.suggested
      ? analysis.suggested.reason
      : (cleanString(value.confidentialityReason, 200) ?? '模型判断文本可能涉及商业秘密');
  return {
    fields,
    extras: {
      constraints: (Array.isArray(value.constraints) ? value.constraints : [])
        .flatMap((c) => cleanString(c, 200) ?? [])
        .slice(0, 10),
      suggested: level === 'public' ? null : { level, reason },
      questions: (Array.isArray(value.questions) ? value.questions : [])
        .flatMap((q) => {
          if (!isObject(q) || typeof q.field !== 'string' || !Object.hasOwn(createNeedInput.shape, q.field)) return [];
          const question = cleanString(q.question, 200);
          return question ? [{ field: q.field, question, essential: ESSENTIAL.has(q.field) }] : [];
        })
        .slice(0, 8),
    },
    notStated,
  };
}
