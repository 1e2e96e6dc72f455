import { randomBytes, randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { createApiKey } from '../../matching/admin/create-api-key.ts';
import { createPlatform } from '../../matching/platforms/create-platform.ts';
import { notifications, webhooks } from '../../schema/notifications.ts';
import { pairDisclosures } from '../../schema/pair-disclosures.ts';
import { suggestions } from '../../schema/suggestions.ts';
import { insertAchievement, insertNeed } from '../support/pipeline-factories.ts';
import { type MatrixWorld, matrixChain } from './matrix-world.ts';

/**
 * What a table row points at. `-` is no id (or the caller's own organisation in a body); `missing` a random
 * uuid; the rest are real records owned by someone, made here. Levels are the records' confidentiality.
 */
const levels = ['public', 'desensitised', 'confidential'] as const;
type Level = (typeof levels)[number];
const pairStages = ['routed', 'claimed', 'accepted', 'contacted', 'granted'] as const;
type PairStage = (typeof pairStages)[number];

export type TargetInstance = {
  /** Fills the path's `{id}`; absent for routes without one. */
  id: string | undefined;
  /** Puts the world back as it was for later cells (e.g. the owner's active-webhook count). */
  after?: () => Promise<void>;
};

const suffix = () => randomBytes(4).toString('hex');

async function makePair(world: MatrixWorld, stage: PairStage, level: Level): Promise<string> {
  const { deps, ent, inst, mgr } = world;
  const need = await insertNeed(deps, ent.orgId, { chainId: matrixChain, confidentiality: level });
  const achievement = await insertAchievement(deps, inst.orgId, { chainId: matrixChain, confidentiality: level });
  const now = deps.clock.now();
  const [row] = await deps.db
    .insert(suggestions)
    .values({
      needId: need.id,
      achievementId: achievement.id,
      score: 0.9,
      features: { lexical: 0.8 },
      modelVersion: 'matrix',
      explanation: { summary: '矩阵测试', sharedTerms: [], parts: [] },
      foundBy: 'need',
      stage: stage === 'granted' ? 'accepted' : stage,
      managerId: mgr.userId,
      routedAt: now,
      claimedAt: stage === 'routed' ? null : now,
      decidedAt: stage === 'routed' || stage === 'claimed' ? null : now,
    })
    .returning();
  if (!row) throw new Error('no suggestion');
  if (stage === 'granted') {
    await deps.db.insert(pairDisclosures).values([
      { suggestionId: row.id, side: 'need', grantedBy: ent.userId, grantedAt: now },
      { suggestionId: row.id, side: 'achievement', grantedBy: inst.userId, grantedAt: now },
    ]);
  }
  return row.id;
}

async function makeWebhook(world: MatrixWorld, orgId: string): Promise<TargetInstance> {
  const { db } = world.deps;
  const [row] = await db
    .insert(webhooks)
    .values({ orgId, url: `https://hooks.example.com/${suffix()}`, secret: 'whsec_matrix', events: [] })
    .returning();
  if (!row) throw new Error('no webhook');
  // Left active, these would fill the owner's ten webhook slots and turn a later create cell into a 409.
  return {
    id: row.id,
    after: async () => {
      await db.update(webhooks).set({ disabledAt: new Date() }).where(eq(webhooks.id, row.id));
    },
  };
}

async function makeNotification(world: MatrixWorld): Promise<string> {
  const [row] = await world.deps.db
    .insert(notifications)
    .values({ userId: world.ent.userId, type: 'suggestion.accepted', dedupeKey: `matrix-${suffix()}`, data: {} })
    .returning();
  if (!row) throw new Error('no notification');
  return row.id;
}

async function makePlatform(world: MatrixWorld): Promise<string> {
  const input = { kind: 'poc_centre', name: `矩阵测试平台-${suffix()}`, pocType: 'comprehensive', level: 'municipal' };
  const platform = await createPlatform({
    deps: world.deps,
    actor: world.admin,
    input: { ...input, pocPhases: [1, 2, 3], capacity: 5 },
  });
  return platform.id;
}

const idOnly = async (id: Promise<string>): Promise<TargetInstance> => ({ id: await id });

/** A new instance of the target; write cells call this once per cell so no cell sees another's write. */
export function makeTarget(world: MatrixWorld, token: string): Promise<TargetInstance> {
  const { deps, ent, inst, spare } = world;
  if (token === '-' || token === 'ent-org') return Promise.resolve({ id: undefined });
  if (token === 'missing') return Promise.resolve({ id: randomUUID() });
  if (token === 'user') return Promise.resolve({ id: spare.userId });
  if (token === 'key')
    return idOnly(createApiKey({ deps, actor: 'system', userId: spare.userId, input: {} }).then((k) => k.id));
  if (token === 'notification') return idOnly(makeNotification(world));
  if (token === 'platform') return idOnly(makePlatform(world));
  if (token === 'ent-webhook') return makeWebhook(world, ent.orgId);
  if (token === 'uni-webhook') return makeWebhook(world, inst.orgId);
  const [kind, level] = token.split(':');
  if (!isLevel(level)) throw new Error(`unknown target "${token}"`);
  if (kind === 'need')
    return idOnly(insertNeed(deps, ent.orgId, { confidentiality: level, chainId: matrixChain }).then((r) => r.id));
  if (kind === 'ach')
    return idOnly(
      insertAchievement(deps, inst.orgId, { confidentiality: level, chainId: matrixChain }).then((r) => r.id),
    );
  if (isPairStage(kind)) return idOnly(makePair(world, kind, level));
  throw new Error(`unknown target "${token}"`);
}

const isLevel = (x: string | undefined): x is Level => levels.some((l) => l === x);
const isPairStage = (x: string | undefined): x is PairStage => pairStages.some((s) => s === x);
