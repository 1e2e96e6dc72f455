import type { Actor } from '../../core/actor.ts';
import type { Deps } from '../../core/deps.ts';
import { disclosePair } from '../../disclosure/disclose-pair.ts';
import { type Confidentiality, type DisclosureLevel, levelByConfidentiality } from '../../disclosure/levels.ts';
import type { Explanation } from '../../ranking/explanation.ts';
import { askModel } from '../ask-model.ts';
import type { OfflineReason } from '../llm-assist.ts';
import { dataLine } from '../prompt-data.ts';
import { checkPairAssist } from './check-pair-assist.ts';
import { cachedExplanation, recordsVersion, storeExplanation } from './explain-cache.ts';
import { EXPLAIN_PROMPT_VERSION, explainRequest } from './explain-prompt.ts';
import type { PairAssist } from './explain-result.ts';
import { loadExplainPair } from './load-explain-pair.ts';
import { offlineExplain } from './offline-explain.ts';
import { achievementLines, needLines } from './pair-data.ts';

const sameLines = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((l, i) => l === b[i]);

/**
 * A Chinese account of why the achievement fits the need and a first message to each party, for the pair's
 * manager or an admin. A model writes it when one is configured, both records may go to it (confidential ones
 * only with LLM_ALLOW_CONFIDENTIAL) and the organisation's tokens allow; it is used only when every figure and
 * term it cites occurs in the records its reader may see, and is cached per pair and model version. Otherwise
 * the offline account built from the ranker's explanation answers, saying why. Changes nothing about the pair.
 */
export async function assistExplainPair({
  deps,
  actor,
  id,
}: {
  deps: Deps;
  actor: Actor;
  id: string;
}): Promise<PairAssist> {
  const pair = await loadExplainPair(deps, actor, id);
  const offline = (reason: OfflineReason): PairAssist => ({
    source: 'offline',
    reason,
    cached: false,
    ...offlineExplain(pair),
  });
  const llm = deps.llm;
  if (!llm) return offline('not_configured');
  const { s, n, a } = pair.row;
  if ((n.confidentiality === 'confidential' || a.confidentiality === 'confidential') && !llm.allowConfidential) {
    return offline('confidential');
  }
  const modelVersion = `${llm.model.version}/${EXPLAIN_PROMPT_VERSION}`;
  const version = recordsVersion(pair, llm.allowConfidential);
  const cached = await cachedExplanation(deps, s.id, modelVersion, version);
  if (cached) return { source: 'llm', model: llm.model.model, cached: true, ...cached };

  // An external model is an audience like any other: it sees each record as its confidentiality allows.
  const promptLevel = (c: Confidentiality): DisclosureLevel =>
    llm.allowConfidential ? 'full' : levelByConfidentiality(c);
  const levels = { need: promptLevel(n.confidentiality), achievement: promptLevel(a.confidentiality) };
  const names = await deps.engine.chainNames();
  const need = needLines(n, levels.need, names);
  const achievement = achievementLines(a, levels.achievement, names);
  const achievementForEnterprise = achievementLines(a, pair.partyLevels.achievementForEnterprise, names);
  const needForInstitution = needLines(n, pair.partyLevels.needForInstitution, names);
  const { sharedTerms } = disclosePair(
    { need: n, achievement: a, explanation: s.explanation as Explanation },
    levels,
  ).explanation;
  const request = explainRequest({
    need,
    achievement,
    sharedTerms,
    achievementForEnterprise: sameLines(achievementForEnterprise, achievement) ? undefined : achievementForEnterprise,
    needForInstitution: sameLines(needForInstitution, need) ? undefined : needForInstitution,
  });
  const shared = sharedTerms.length > 0 ? [dataLine('双方共同词语', sharedTerms.join('、'))] : [];
  const asked = await askModel(deps, actor, request, (value) =>
    checkPairAssist(value, {
      all: [...need, ...achievement, ...shared],
      enterprise: [...need, ...achievementForEnterprise],
      institution: [...achievement, ...needForInstitution],
    }),
  );
  if (!asked.ok) return offline(asked.reason);
  await storeExplanation(deps, s.id, modelVersion, version, asked.value);
  return { source: 'llm', model: asked.model, cached: false, ...asked.value };
}
