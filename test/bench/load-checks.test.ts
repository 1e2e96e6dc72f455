import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Deps } from '../../matching/core/deps.ts';
import { needs } from '../../schema/needs.ts';
import { organisations } from '../../schema/organisations.ts';
import { outbox } from '../../schema/outbox.ts';
import { suggestionEvents } from '../../schema/suggestions.ts';
import { checkOutcome } from '../../scripts/bench/load-checks.ts';
import { needBodies } from '../../scripts/bench/load-data.ts';
import { pipelineState } from '../../scripts/bench/load-drain.ts';
import { emptyTally } from '../../scripts/bench/load-managers.ts';
import type { PostRecord } from '../../scripts/bench/load-types.ts';
import { insertAchievement, insertSuggestion } from '../support/pipeline-factories.ts';
import { openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';

/** The bench's verdict must come from the database: these cases plant each defect and expect it counted. */
describe('bench:load checks', () => {
  let handle: Awaited<ReturnType<typeof openTestDb>>;
  let deps: Deps;
  let entOrgId: string;
  let instOrgId: string;
  const bodies = needBodies(3, 'chk');

  beforeEach(async () => {
    handle = await openTestDb('pglite');
    deps = testDeps(handle.db);
    const [ent] = await deps.db.insert(organisations).values({ name: '检查企业', kind: 'enterprise' }).returning();
    const [inst] = await deps.db.insert(organisations).values({ name: '检查大学', kind: 'university' }).returning();
    if (!ent || !inst) throw new Error('no orgs');
    entOrgId = ent.id;
    instOrgId = inst.id;
  });
  afterEach(() => handle.drop());

  const storeNeed = async (index: number) => {
    const body = bodies[index];
    if (!body) throw new Error('no body');
    const [row] = await deps.db
      .insert(needs)
      .values({ orgId: entOrgId, title: body.title, description: body.description, chainId: body.chainId ?? null })
      .returning({ id: needs.id });
    if (!row) throw new Error('no need row');
    return row.id;
  };
  const matched = (needId: string) =>
    deps.db.insert(outbox).values({ job: 'match', jobKey: `match-need-${needId}`, payload: {}, status: 'done' });
  const claimed = (suggestionId: string) =>
    deps.db.insert(suggestionEvents).values({ suggestionId, type: 'claimed', fromStage: 'routed', toStage: 'claimed' });

  it('finds nothing wrong when every post is stored once, matched, and each pair claimed once', async () => {
    const ids = [await storeNeed(0), await storeNeed(1), await storeNeed(2)];
    for (const id of ids) await matched(id);
    const achievement = await insertAchievement(deps, instOrgId);
    const pair = await insertSuggestion(deps, { needId: ids[0] ?? '', achievementId: achievement.id });
    await claimed(pair.id);
    const posts: PostRecord[] = ids.map((needId, index) => ({ index, status: 201, ms: 5, needId }));
    const tally = { ...emptyTally(), claimsWon: [pair.id] };

    // An acceptance's notify job still queued is reported apart: it is not the needs' pipeline.
    await deps.db.insert(outbox).values({ job: 'notify', jobKey: `notify-${pair.id}`, payload: {} });

    const state = await pipelineState(deps.db);
    expect(state).toMatchObject({ stored: 3, matched: 3, matchedWithNone: 2, failed: 0, suggestions: 1 });
    expect(state).toMatchObject({ openWork: 0, openNotify: 1 });
    const checks = await checkOutcome(deps.db, bodies, posts, tally, state);
    expect(checks).toMatchObject({ lost: 0, duplicated: 0, answered201: 3, storedRows: 3, claimEvents: 1 });
  });

  it('counts a 201 without a row, a need stored twice, an unmatched need and a failed ingest', async () => {
    const first = await storeNeed(0);
    const twice = await storeNeed(1);
    await storeNeed(1);
    await matched(first);
    await deps.db
      .insert(outbox)
      .values({ job: 'ingest', jobKey: `ingest-need-${twice}`, payload: {}, status: 'failed' });
    const posts: PostRecord[] = [
      { index: 0, status: 201, ms: 5, needId: first },
      { index: 1, status: 201, ms: 5, needId: twice },
      { index: 2, status: 201, ms: 5, needId: randomUUID() },
    ];

    await deps.db.insert(outbox).values({ job: 'match', jobKey: `match-need-${randomUUID()}`, payload: {} });

    const state = await pipelineState(deps.db);
    expect(state).toMatchObject({ stored: 3, matched: 1, failed: 1, openWork: 1, openNotify: 0 });
    const checks = await checkOutcome(deps.db, bodies, posts, emptyTally(), state);
    // Missing: body 2 answered 201 but has no row; unmatched: the two rows of body 1.
    expect(checks).toMatchObject({ missingRows: 1, unmatched: 2, lost: 3, duplicateNeedRows: 1, duplicated: 1 });
  });

  it('counts a duplicated pair and claims or decisions applied twice', async () => {
    const needId = await storeNeed(0);
    await matched(needId);
    const achievement = await insertAchievement(deps, instOrgId);
    // The unique index would refuse the duplicate; drop it to plant the defect the check must see.
    await deps.db.execute(sql`drop index suggestions_pair_idx`);
    const pair = await insertSuggestion(deps, { needId, achievementId: achievement.id });
    await insertSuggestion(deps, { needId, achievementId: achievement.id });
    await claimed(pair.id);
    await claimed(pair.id);
    const tally = { ...emptyTally(), claimsWon: [pair.id], decisionsApplied: [pair.id, pair.id] };
    const posts: PostRecord[] = [{ index: 0, status: 201, ms: 5, needId }];

    const checks = await checkOutcome(deps.db, bodies.slice(0, 1), posts, tally, await pipelineState(deps.db));
    expect(checks).toMatchObject({ duplicatePairs: 1, doubleClaims: 1, doubleDecisions: 1, duplicated: 3, lost: 0 });
  });
});
