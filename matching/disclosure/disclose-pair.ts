import type { Explanation } from '../ranking/explanation.ts';
import { discloseExplanation, type ExplanationAudience } from './disclose-explanation.ts';
import type { DisclosureLevel } from './levels.ts';
import { hiddenFields, redact } from './policy.ts';
import type { AchievementRow, NeedRow } from './record-rows.ts';

export type PairLevels = { need: DisclosureLevel; achievement: DisclosureLevel };

/**
 * Both records of a pair and its explanation, each cut down to what this audience may see. The explanation is
 * redacted by the same hidden fields as the records, so it can never say more than the records shown beside it;
 * a party (`audience: 'party'`) gets it without the score parts.
 */
export function disclosePair(
  pair: { need: NeedRow; achievement: AchievementRow; explanation: unknown },
  levels: PairLevels,
  audience: ExplanationAudience = 'staff',
) {
  const hidden = {
    need: hiddenFields('need', pair.need, levels.need),
    achievement: hiddenFields('achievement', pair.achievement, levels.achievement),
  };
  return {
    need: redact(pair.need, hidden.need),
    achievement: redact(pair.achievement, hidden.achievement),
    explanation: discloseExplanation(pair.explanation as Explanation, hidden, audience),
  };
}
