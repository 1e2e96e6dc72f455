import { eq, inArray } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { suggestionEvents, suggestions } from '../../schema/suggestions.ts';
import type { Persona } from '../support/factories.ts';
import { makeChain, makeManager, makePair } from '../support/pipeline-factories.ts';
import { type QueueCtx, route } from './queue-helpers.ts';

const MANAGERS = 20;
const PAIRS = 100;
/** Requests each manager keeps in flight: 20 × 5 = 100 concurrent claims against the server. */
const IN_FLIGHT = 5;

const shuffled = <T>(items: T[]) =>
  items
    .map((item) => ({ item, key: Math.random() }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);

/**
 * 20 chief managers of one chain (so every one of them may claim every pair) race for the same 100 pairs,
 * each in its own random order. Meaningful only on the real server: PGlite runs one statement at a time.
 */
export function concurrencyTests(ctx: QueueCtx) {
  it('lets exactly one of 20 managers claim each of 100 pairs', { timeout: 120_000 }, async () => {
    const { deps, call, ent, inst } = ctx;
    const chain = await makeChain(deps);
    const chiefs: Persona[] = [];
    for (let i = 0; i < MANAGERS; i++)
      chiefs.push(await makeManager(deps, { chains: [chain], isChief: true, capacity: 50 }));
    const ids: string[] = [];
    for (let i = 0; i < PAIRS; i++) {
      const { suggestion } = await makePair(deps, { entOrgId: ent.orgId, instOrgId: inst.orgId, chain });
      await route(deps, suggestion.id);
      ids.push(suggestion.id);
    }

    const wins = new Map<string, string[]>();
    const statuses: number[] = [];
    await Promise.all(
      chiefs.map(async (chief) => {
        const queue = shuffled(ids);
        const worker = async () => {
          for (let id = queue.pop(); id; id = queue.pop()) {
            const res = await call('POST', `/v1/suggestions/${id}/claim`, { key: chief.key });
            statuses.push(res.status);
            if (res.status === 200) wins.set(id, [...(wins.get(id) ?? []), chief.userId]);
          }
        };
        await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      }),
    );

    expect(statuses.filter((s) => s === 200)).toHaveLength(PAIRS);
    expect(statuses.filter((s) => s === 409)).toHaveLength(PAIRS * (MANAGERS - 1));
    expect([...wins.values()].every((winners) => winners.length === 1)).toBe(true);
    const rows = await deps.db.select().from(suggestions).where(inArray(suggestions.id, ids));
    expect(rows.every((r) => r.stage === 'claimed' && r.managerId === wins.get(r.id)?.[0])).toBe(true);
    const claims = await deps.db
      .select({ suggestionId: suggestionEvents.suggestionId })
      .from(suggestionEvents)
      .where(inArray(suggestionEvents.suggestionId, ids));
    const claimEvents = await deps.db
      .select({ suggestionId: suggestionEvents.suggestionId })
      .from(suggestionEvents)
      .where(eq(suggestionEvents.type, 'claimed'));
    const claimed = claimEvents.filter((e) => ids.includes(e.suggestionId));
    expect(claimed).toHaveLength(PAIRS);
    expect(new Set(claimed.map((e) => e.suggestionId)).size).toBe(PAIRS);
    // routed + claimed per pair, nothing else.
    expect(claims).toHaveLength(2 * PAIRS);
  });
}
