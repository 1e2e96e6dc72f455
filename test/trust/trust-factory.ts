import { createAchievement } from '../../matching/achievements/create-achievement.ts';
import { createApiKey } from '../../matching/admin/create-api-key.ts';
import { createUser } from '../../matching/admin/create-user.ts';
import type { Role } from '../../matching/core/actor.ts';
import type { Deps } from '../../matching/core/deps.ts';
import { createNeed } from '../../matching/needs/create-need.ts';
import { explainPair } from '../../matching/ranking/explanation.ts';
import { achievementProfile, needProfile } from '../../matching/ranking/pair-profiles.ts';
import { scoreFeatures } from '../../matching/ranking/ranker.ts';
import { rankerV1 } from '../../matching/ranking/ranker-v1.ts';
import { suggestions } from '../../schema/suggestions.ts';
import { type Persona, sampleAchievement, sampleNeed } from '../support/factories.ts';

/** A user of any role inside an existing organisation (a manager account created inside a university, say). */
export async function userIn(
  deps: Deps,
  orgId: string,
  role: Role,
  manager?: { chains: string[]; isChief?: boolean },
): Promise<Persona> {
  const user = await createUser({
    deps,
    actor: 'system',
    input: { orgId, name: `用户-${role}-${orgId.slice(0, 4)}`, role, ...(manager ? { manager } : {}) },
  });
  const key = await createApiKey({ deps, actor: 'system', userId: user.id, input: {} });
  return { userId: user.id, orgId, role, key: key.key, name: user.name };
}

const features = {
  lexical: 0.9,
  dense: 0.5,
  keywordOverlap: 0.7,
  chainAgreement: 1,
  maturityFit: 1,
  modeCompatibility: 1,
  region: 0.8,
  institutionTrackRecord: 0.5,
  similarPairOutcomes: 0.5,
};

/**
 * A need, an achievement and their suggestion in `stage`, assigned to `managerId`, with the explanation the
 * ranker would write (so redaction is tested on a real one, sentences and sources included).
 */
export async function makeExplainedPair(
  deps: Deps,
  parties: { ent: Persona; inst: Persona; managerId: string },
  over: { need?: Record<string, unknown>; achievement?: Record<string, unknown>; stage?: 'accepted' | 'routed' },
) {
  const need = await createNeed({ deps, actor: parties.ent, input: sampleNeed(over.need) });
  const achievement = await createAchievement({
    deps,
    actor: parties.inst,
    input: sampleAchievement(over.achievement),
  });
  const explanation = explainPair({
    need: needProfile({ ...need, orgId: need.orgId ?? undefined }),
    achievement: achievementProfile({ ...achievement, orgId: achievement.orgId ?? undefined }),
    features,
    parts: scoreFeatures(features, rankerV1).parts,
    sharedTerms: [...need.keywords.filter((k) => achievement.keywords.includes(k))],
  });
  const [suggestion] = await deps.db
    .insert(suggestions)
    .values({
      needId: need.id,
      achievementId: achievement.id,
      score: 0.9,
      features,
      modelVersion: rankerV1.version,
      explanation,
      foundBy: 'need',
      stage: over.stage ?? 'accepted',
      managerId: parties.managerId,
      routedAt: deps.clock.now(),
    })
    .returning();
  if (!suggestion) throw new Error('no suggestion');
  return { need, achievement, suggestion };
}

/** A token no uuid, number or Chinese text can contain by chance. */
export const canary = (label: string) =>
  `QX${label.toUpperCase()}${Math.random().toString(36).slice(2, 10).toUpperCase()}ZQ`;
