import type { NeedDraft } from './draft-check.ts';

/** Something to ask the enterprise back; `essential` ones keep the need from being matched well. */
export type IntakeQuestion = { field: string; question: string; essential: boolean };

const MIN_DESCRIPTION = 30;

/** Questions for what the draft lacks, most important first. */
export function questionsFor(draft: NeedDraft): IntakeQuestion[] {
  const out: IntakeQuestion[] = [];
  const ask = (field: string, question: string, essential = false) => out.push({ field, question, essential });
  if (!draft.title) ask('title', '请用一句话概括要解决的技术问题。', true);
  if (!draft.description || Array.from(draft.description).length < MIN_DESCRIPTION) {
    ask('description', '请补充现状、目标指标（数值）和应用场景，便于匹配到合适的成果。', true);
  }
  if (!draft.chainId) ask('chainId', '这项需求属于哪条产业链？', true);
  if (draft.trlMin === undefined && draft.trlMax === undefined) {
    ask('trlMin', '希望成果达到什么成熟度：实验室小试、中试，还是可直接量产？');
  }
  if (draft.budgetMin === undefined && draft.budgetMax === undefined) ask('budgetMax', '预算大致是多少（万元）？');
  if (!draft.deadline) ask('deadline', '希望在什么时间之前解决？');
  if (!draft.cooperationModes || draft.cooperationModes.length === 0) {
    ask('cooperationModes', '倾向哪种合作方式：技术转让、许可、联合开发还是委托开发？');
  }
  return out;
}
