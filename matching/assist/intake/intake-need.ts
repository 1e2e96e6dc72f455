import type { Actor } from '../../core/actor.ts';
import type { Deps } from '../../core/deps.ts';
import { ForbiddenError } from '../../core/errors.ts';
import { parseInput } from '../../core/validate.ts';
import { askModel, type Checked } from '../ask-model.ts';
import type { Provenance } from '../llm-assist.ts';
import { checkDraft, type DroppedField, isCompleteDraft, type NeedDraft } from './draft-check.ts';
import { type NeedIntakeInput, needIntakeInput } from './intake-input.ts';
import { intakeRequest } from './intake-prompt.ts';
import { type IntakeQuestion, questionsFor } from './intake-questions.ts';
import { modelDraftCandidate } from './model-draft.ts';
import { analyseIntake, type IntakeAnalysis, offlineDraft } from './offline-intake.ts';

export type NeedIntake = Provenance & {
  /** A body for `POST /v1/needs`: every field in it is valid there. Nothing is saved until the enterprise posts it. */
  draft: NeedDraft;
  /** True when the draft can be posted as it is (title and description present). */
  complete: boolean;
  constraints: string[];
  suggestedConfidentiality: { level: 'public' | 'desensitised' | 'confidential'; reason: string } | null;
  /** The classifier's guess, also when it was too unsure to put in the draft. */
  chain: { chainId: string; confidence: number } | null;
  questions: IntakeQuestion[];
  /** Fields a model proposed that failed the checks of `POST /v1/needs` or were not stated in the text. */
  dropped: DroppedField[];
};

/**
 * Turns an enterprise's free text into a proposed need. With a model configured (and the text not confidential,
 * and the organisation's tokens not spent) the model drafts it under a JSON schema and the draft is checked
 * field by field as `POST /v1/needs` would; any failure answers the offline draft and says why. Stores nothing.
 */
export async function intakeNeed({
  deps,
  actor,
  input,
}: {
  deps: Deps;
  actor: Actor;
  input: NeedIntakeInput | unknown;
}): Promise<NeedIntake> {
  if (actor.role !== 'enterprise') throw new ForbiddenError('only_enterprises_post_needs');
  const { text, confidentiality } = parseInput(needIntakeInput, input);
  const now = deps.clock.now();
  const analysis = analyseIntake(text, now);
  const taxonomy = await deps.engine.taxonomy();
  const chainIds = new Set(taxonomy.map((c) => c.id));
  const offline = offlineDraft(analysis, taxonomy);
  const base = {
    chain: offline.chain ?? null,
    suggestedConfidentiality: analysis.suggested ?? null,
  };

  const confidential =
    confidentiality === 'confidential' ||
    (confidentiality === undefined && analysis.suggested?.level === 'confidential');
  const asked =
    confidential && !deps.llm?.allowConfidential
      ? ({ ok: false, reason: 'confidential' } as const)
      : await askModel(
          deps,
          actor,
          intakeRequest(analysis.visible, taxonomy, now.toISOString().slice(0, 10)),
          (value) => checkModelDraft(value, analysis, chainIds),
        );

  if (asked.ok) {
    const { draft, constraints, suggested, questions, dropped } = asked.value;
    if (confidentiality) draft.confidentiality = confidentiality;
    return {
      source: 'llm',
      model: asked.model,
      draft,
      complete: isCompleteDraft(draft),
      constraints,
      ...base,
      suggestedConfidentiality: suggested ?? base.suggestedConfidentiality,
      questions: mergeQuestions(questions, questionsFor(draft)),
      dropped,
    };
  }
  const { draft } = checkDraft(offline.candidate, chainIds);
  if (confidentiality) draft.confidentiality = confidentiality;
  return {
    source: 'offline',
    reason: asked.reason,
    draft,
    complete: isCompleteDraft(draft),
    constraints: offline.constraints,
    ...base,
    questions: questionsFor(draft),
    dropped: [],
  };
}

type ModelDraft = {
  draft: NeedDraft;
  constraints: string[];
  suggested: NeedIntake['suggestedConfidentiality'];
  questions: IntakeQuestion[];
  dropped: DroppedField[];
};

/** The model's draft kept only where it passes; without a valid title and description it is not used at all. */
function checkModelDraft(value: unknown, analysis: IntakeAnalysis, chainIds: ReadonlySet<string>): Checked<ModelDraft> {
  const candidate = modelDraftCandidate(value, analysis);
  if (!candidate) return { ok: false, reason: 'invalid_output' };
  const { draft, dropped } = checkDraft(candidate.fields, chainIds);
  if (!draft.title || !draft.description) return { ok: false, reason: 'invalid_output' };
  return {
    ok: true,
    value: { draft, ...candidate.extras, dropped: [...candidate.notStated, ...dropped] },
  };
}

function mergeQuestions(fromModel: IntakeQuestion[], fromRules: IntakeQuestion[]): IntakeQuestion[] {
  const asked = new Set(fromModel.map((q) => q.field));
  return [...fromModel, ...fromRules.filter((q) => q.essential && !asked.has(q.field))];
}
