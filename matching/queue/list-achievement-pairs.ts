import { loadOwnAchievement } from '../achievements/load-achievement.ts';
import { isAdmin } from '../core/actor.ts';
import type { Page, PageInput } from '../core/pagination.ts';
import { parseInput } from '../core/validate.ts';
import type { WithIdAndInput } from '../core/verb.ts';
import type { Explanation } from '../ranking/explanation.ts';
import { levelByConfidentiality, type PairLevel, type PairNeedView, pairNeedView } from './pair-views.ts';
import { partyPairsInput } from './party-input.ts';
import { partyPairsPage } from './party-pairs-page.ts';
import type { Stage } from './stage-machine.ts';

export type AchievementPairView = {
  id: string;
  stage: Stage;
  score: number;
  /** Null unless the need is public with nothing marked private: see below. */
  explanation: Explanation | null;
  managerId: string | null;
  decidedAt: Date | null;
  updatedAt: Date;
  need: PairNeedView;
};

/**
 * The institution's view of one of its achievements: the needs it was accepted for and how far each pair
 * has got. Desensitised needs come without the enterprise; confidential ones only as "a confidential need in
 * chain X" (pair-views.ts). The explanation is withheld unless the need is fully public: it quotes the need's
 * keywords, maturity range and cooperation modes, any of which the enterprise may have marked private.
 */
export async function listAchievementPairs({
  deps,
  actor,
  id,
  input,
}: WithIdAndInput<PageInput | unknown>): Promise<Page<AchievementPairView>> {
  const query = parseInput(partyPairsInput, input);
  const achievement = await loadOwnAchievement(deps, actor, id);
  const { rows, total } = await partyPairsPage(deps, { achievementId: achievement.id }, query);
  const items = rows.map(({ s, n }) => {
    const level: PairLevel =
      isAdmin(actor) || n.orgId === actor.orgId ? 'full' : levelByConfidentiality(n.confidentiality);
    const explain = level === 'full' || (level === 'public' && n.privateFields.length === 0);
    return {
      id: s.id,
      stage: s.stage,
      score: s.score,
      explanation: explain ? (s.explanation as Explanation) : null,
      managerId: s.managerId,
      decidedAt: s.decidedAt,
      updatedAt: s.updatedAt,
      need: pairNeedView(n, level),
    };
  });
  return { items, page: query.page, pageSize: query.pageSize, total };
}
