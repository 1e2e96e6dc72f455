import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { events } from '../../schema/events.ts';
import { makePersona } from '../support/factories.ts';
import {
  insertAchievement,
  insertNeed,
  insertSuggestion,
  makeChain,
  makeManager,
  makePair,
  sampleExplanation,
} from '../support/pipeline-factories.ts';
import { claimAndAccept, expectConforms, type QueueCtx, route } from './queue-helpers.ts';

type Item = { id: string; need: Record<string, unknown>; explanation: unknown };

/** What each party sees of its pairs, and above all what it must not: canaries in private and confidential fields. */
export function partyTests(ctx: QueueCtx) {
  it('shows an institution its accepted pairs with desensitised and confidential needs reduced (canaries)', async () => {
    const { deps, call, inst } = ctx;
    const entName = `金丝雀企业${crypto.randomUUID().slice(0, 6)}`;
    const ent = await makePersona(deps, 'enterprise', entName);
    const chain = await makeChain(deps);
    const m = await makeManager(deps, { chains: [chain], capacity: 50 });
    const canary = `私密金丝雀${crypto.randomUUID().slice(0, 8)}`;
    const parties = { entOrgId: ent.orgId, instOrgId: inst.orgId, chain };
    const achievement = { title: '共享成果' };
    const open = await makePair(deps, parties, { achievement, score: 0.9 });
    const achievementId = open.achievement.id;
    // More needs paired with the same achievement; the engine's explanation quotes the need, canary included.
    const pairOn = async (need: Record<string, unknown>, score: number) => {
      const row = await insertNeed(deps, ent.orgId, { chainId: chain, ...need });
      return insertSuggestion(deps, { needId: row.id, achievementId, score, explanation: sampleExplanation([canary]) });
    };
    const privateBits = await pairOn(
      {
        description: `${canary}：工艺参数不公开的详细描述`,
        // A figure that cannot occur inside a uuid or timestamp elsewhere in the response (777 could, by chance).
        budgetMax: 8642.5,
        privateFields: ['description', 'budgetMax'],
      },
      0.8,
    );
    const masked = await pairOn(
      { confidentiality: 'desensitised', keywords: [canary], privateFields: ['keywords'] },
      0.7,
    );
    const secret = await pairOn({ confidentiality: 'confidential', title: `${canary}专用工艺` }, 0.6);
    const pending = await pairOn({}, 0.5);
    for (const s of [open.suggestion, privateBits, masked, secret, pending]) await route(deps, s.id);
    for (const s of [open.suggestion, privateBits, masked, secret]) await claimAndAccept(call, m, s.id);
    await call('POST', `/v1/suggestions/${secret.id}/stage`, { key: m.key, body: { to: 'contacted' } });

    const res = await call('GET', `/v1/achievements/${achievementId}/pairs`, { key: inst.key });
    expect(res.status).toBe(200);
    await expectConforms(call, 'GET /v1/achievements/{id}/pairs', res);
    const text = JSON.stringify(res.body);
    expect(text).not.toContain(canary);
    expect(text).not.toContain(entName);
    expect(text).not.toContain('8642.5');
    const byId = new Map<string, Item>(res.body.items.map((i: Item) => [i.id, i]));
    // Accepted and later only: the pair still in a queue is not shown.
    expect(res.body.total).toBe(4);
    expect(byId.has(pending.id)).toBe(false);
    expect(byId.get(open.suggestion.id)).toMatchObject({
      need: { orgId: ent.orgId, description: expect.any(String) },
      explanation: { sharedTerms: ['印染废水'] },
    });
    expect(byId.get(privateBits.id)).toMatchObject({
      need: {
        orgId: ent.orgId,
        description: null,
        budgetMax: null,
        // The need's workflow state (match state, its manager) is the owner's only since migration 0006.
        redacted: ['description', 'budgetMax', 'importKey', 'matchState', 'matchedAt', 'managerId'],
      },
      // Cut down, not withheld: what quotes the private description goes, the rest stays.
      explanation: { sharedTerms: [], redacted: true },
    });
    expect(byId.get(masked.id)).toMatchObject({
      need: { orgId: null, createdBy: null, keywords: [] },
      explanation: { sharedTerms: [], redacted: true },
    });
    expect(byId.get(secret.id)).toMatchObject({
      stage: 'contacted',
      need: { title: null, description: null, orgId: null, chainId: chain, confidentiality: 'confidential' },
      explanation: { sharedTerms: [], redacted: true },
    });
    // Served at the minimal level, the confidential need is still a read in the audit trail, by the institution.
    const reads = await deps.db.select().from(events).where(eq(events.subjectId, secret.needId));
    expect(reads.filter((e) => e.type === 'need.read').map((e) => [e.actor, e.orgId, e.data])).toEqual([
      [`user:${inst.userId}`, ent.orgId, { level: 'minimal', via: 'party:achievement' }],
    ]);

    const rival = await makePersona(deps, 'institution');
    expect((await call('GET', `/v1/achievements/${achievementId}/pairs`, { key: rival.key })).status).toBe(404);
    expect((await call('GET', `/v1/achievements/${achievementId}/pairs`, { key: ent.key })).status).toBe(404);
  });

  it('shows an enterprise the accepted achievements for its need, by their confidentiality', async () => {
    const { deps, call, ent, inst } = ctx;
    const chain = await makeChain(deps);
    const m = await makeManager(deps, { chains: [chain], capacity: 50 });
    const parties = { entOrgId: ent.orgId, instOrgId: inst.orgId, chain };
    const plain = await makePair(deps, parties, { score: 0.9 });
    const hidden = await insertAchievement(deps, inst.orgId, { chainId: chain, confidentiality: 'desensitised' });
    const masked = await insertSuggestion(deps, { needId: plain.need.id, achievementId: hidden.id, score: 0.8 });
    const other = await insertAchievement(deps, inst.orgId, { chainId: chain });
    const waiting = await insertSuggestion(deps, { needId: plain.need.id, achievementId: other.id, score: 0.7 });
    for (const s of [plain.suggestion, masked, waiting]) await route(deps, s.id);
    for (const s of [plain.suggestion, masked]) await claimAndAccept(call, m, s.id);

    const res = await call('GET', `/v1/needs/${plain.need.id}/suggestions`, { key: ent.key });
    expect(res.status).toBe(200);
    await expectConforms(call, 'GET /v1/needs/{id}/suggestions', res);
    expect(res.body).toMatchObject({
      total: 2,
      items: [
        {
          id: plain.suggestion.id,
          stage: 'accepted',
          managerId: m.userId,
          explanation: { summary: expect.any(String) },
          achievement: { id: plain.achievement.id, orgId: inst.orgId, team: { lead: '王教授' } },
        },
        { id: masked.id, achievement: { id: hidden.id, orgId: null, team: null, patents: [] } },
      ],
    });
    const rival = await makePersona(deps, 'enterprise');
    expect((await call('GET', `/v1/needs/${plain.need.id}/suggestions`, { key: rival.key })).status).toBe(404);
    expect((await call('GET', `/v1/needs/${plain.need.id}/suggestions`, { key: inst.key })).status).toBe(404);
  });
}
