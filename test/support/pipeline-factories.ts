import { randomBytes } from 'node:crypto';
import { createApiKey } from '../../matching/admin/create-api-key.ts';
import { createUser } from '../../matching/admin/create-user.ts';
import type { Deps } from '../../matching/core/deps.ts';
import type { Explanation } from '../../matching/ranking/explanation.ts';
import { achievements } from '../../schema/achievements.ts';
import type { orgKinds } from '../../schema/enums.ts';
import { industryChains } from '../../schema/industry-chains.ts';
import { needs } from '../../schema/needs.ts';
import { organisations } from '../../schema/organisations.ts';
import { suggestions } from '../../schema/suggestions.ts';
import type { Persona } from './factories.ts';
import { sampleAchievement, sampleNeed } from './factories.ts';

const suffix = () => randomBytes(4).toString('hex');

/** A chain of its own per test, so managers and loads of other tests never take part in its routing. */
export async function makeChain(deps: Deps): Promise<string> {
  const id = `t_${suffix()}`;
  await deps.db.insert(industryChains).values({ id, name: `测试链${id}`, tier: 'other', taxonomy: 'test' });
  return id;
}

export type ManagerOptions = {
  chains: string[];
  capacity?: number;
  isChief?: boolean;
  active?: boolean;
  /** Put the manager in an existing organisation (e.g. a university that is a party, for conflict of interest). */
  orgId?: string;
};

/** A manager with a live key; by default in an agency of their own. */
export async function makeManager(deps: Deps, options: ManagerOptions): Promise<Persona> {
  let orgId = options.orgId;
  if (!orgId) {
    const [org] = await deps.db
      .insert(organisations)
      .values({ name: `技术转移中心-${suffix()}`, kind: 'agency' satisfies (typeof orgKinds)[number] })
      .returning();
    if (!org) throw new Error('no org');
    orgId = org.id;
  }
  const { orgId: _ignored, ...profile } = options;
  const user = await createUser({
    deps,
    actor: 'system',
    input: { orgId, name: `经理人${suffix()}`, role: 'manager', manager: profile },
  });
  const key = await createApiKey({ deps, actor: 'system', userId: user.id, input: {} });
  return { userId: user.id, orgId, role: 'manager', key: key.key, name: user.name };
}

type Overrides = Record<string, unknown>;

export async function insertNeed(deps: Deps, orgId: string, overrides: Overrides = {}) {
  const [row] = await deps.db
    .insert(needs)
    .values({ ...(sampleNeed() as typeof needs.$inferInsert), orgId, ...overrides })
    .returning();
  if (!row) throw new Error('no need');
  return row;
}

export async function insertAchievement(deps: Deps, orgId: string, overrides: Overrides = {}) {
  const [row] = await deps.db
    .insert(achievements)
    .values({ ...(sampleAchievement() as typeof achievements.$inferInsert), orgId, ...overrides })
    .returning();
  if (!row) throw new Error('no achievement');
  return row;
}

export const sampleExplanation = (terms: string[] = ['印染废水']): Explanation => ({
  summary: `共同关键词：${terms.join('、')}。`,
  sharedTerms: terms,
  parts: [{ feature: 'lexical', value: 0.8, weight: 0.5, contribution: 0.4 }],
});

/** A suggestion as the match job would write it, still unrouted. */
export async function insertSuggestion(
  deps: Deps,
  pair: { needId: string; achievementId: string; score?: number; explanation?: Explanation },
) {
  const [row] = await deps.db
    .insert(suggestions)
    .values({
      needId: pair.needId,
      achievementId: pair.achievementId,
      score: pair.score ?? 0.5,
      features: { lexical: 0.8 },
      modelVersion: 'ranker-v1',
      explanation: pair.explanation ?? sampleExplanation(),
      foundBy: 'need',
    })
    .returning();
  if (!row) throw new Error('no suggestion');
  return row;
}

/** A need of `entOrgId` and an achievement of `instOrgId` in `chain`, and their suggestion. */
export async function makePair(
  deps: Deps,
  parties: { entOrgId: string; instOrgId: string; chain: string | null },
  options: { need?: Overrides; achievement?: Overrides; score?: number; explanation?: Explanation } = {},
) {
  const need = await insertNeed(deps, parties.entOrgId, { chainId: parties.chain, ...options.need });
  const achievement = await insertAchievement(deps, parties.instOrgId, {
    chainId: parties.chain,
    ...options.achievement,
  });
  const suggestion = await insertSuggestion(deps, {
    needId: need.id,
    achievementId: achievement.id,
    score: options.score,
    explanation: options.explanation,
  });
  return { need, achievement, suggestion };
}
