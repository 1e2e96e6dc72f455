import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { createApiKey } from '../../matching/admin/create-api-key.ts';
import { createUser } from '../../matching/admin/create-user.ts';
import type { Deps } from '../../matching/core/deps.ts';
import type { CorpusDoc } from '../../matching/eval/dataset.ts';
import { ingestRecords } from '../../matching/pipeline/ingest-record.ts';
import { achievements } from '../../schema/achievements.ts';
import { organisations } from '../../schema/organisations.ts';
import { outbox } from '../../schema/outbox.ts';
import { poolDocuments } from './pool.ts';

/** The chain every benchmark need names and every benchmark manager covers (Huzhou's lead industry). */
export const benchChain = 'ai';

/**
 * The achievement pool: rows inserted directly in batches, then the ingest step (text pipeline, chain, match
 * document) run on each batch here rather than as jobs. Ingest also records each achievement's own match job;
 * the benchmark does not want 10,000 of those competing with the needs' jobs (the needs' match jobs find the
 * achievements anyway), so the pool's outbox rows are deleted before any runner starts.
 */
export async function loadPool(
  deps: Deps,
  corpus: readonly CorpusDoc[],
  n: number,
  options: { batchSize: number; label: string },
): Promise<{ seconds: number }> {
  const [institute] = await deps.db
    .insert(organisations)
    .values({ name: '基准成果机构', kind: 'institute' })
    .returning({ id: organisations.id });
  if (!institute) throw new Error('could not create the benchmark institute');
  const started = performance.now();
  let done = 0;
  let lastReport = started;
  let batch: { id: string; orgId: string; title: string; abstract: string }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await deps.db.insert(achievements).values(batch);
    await ingestRecords({ deps, kind: 'achievement', ids: batch.map((r) => r.id) });
    done += batch.length;
    batch = [];
    const now = performance.now();
    if (now - lastReport > 2000 || done === n) {
      lastReport = now;
      const rate = Math.round(done / ((now - started) / 1000));
      process.stderr.write(`[${options.label}] pool: ingested ${done}/${n} achievements (${rate}/s)\n`);
    }
  };
  for (const doc of poolDocuments(corpus, n)) {
    batch.push({ id: randomUUID(), orgId: institute.id, title: doc.title, abstract: doc.text });
    if (batch.length >= options.batchSize) await flush();
  }
  await flush();
  await deps.db.delete(outbox);
  // The delete leaves 10,000 dead outbox rows, and PGlite runs no autovacuum: the relay's claim (a bitmap scan of
  // outbox_status_idx, which never marks entries dead) then walked all of them on every poll, ~18 ms instead of
  // 0.1 ms (.scratch measurement). VACUUM puts the table where a server that had run those jobs would be;
  // ANALYZE gives the planner the pool's statistics, as autovacuum would on PostgreSQL.
  await deps.db.execute(sql`vacuum analyze`);
  await deps.engine.sync();
  return { seconds: (performance.now() - started) / 1000 };
}

export type Parties = { enterpriseKey: string; managers: { userId: string; key: string }[] };

/**
 * One enterprise user with a key (posts the needs) and `managerCount` managers covering `benchChain`, each
 * in an agency of their own, at the largest capacity the input schema allows so capacity never decides.
 */
export async function makeParties(deps: Deps, managerCount: number): Promise<Parties> {
  const [enterprise] = await deps.db
    .insert(organisations)
    .values({ name: '基准需求企业', kind: 'enterprise', district: '吴兴区' })
    .returning({ id: organisations.id });
  if (!enterprise) throw new Error('could not create the benchmark enterprise');
  const poster = await createUser({
    deps,
    actor: 'system',
    input: { orgId: enterprise.id, name: '基准企业用户', role: 'enterprise' },
  });
  const enterpriseKey = (await createApiKey({ deps, actor: 'system', userId: poster.id, input: {} })).key;
  const managers: Parties['managers'] = [];
  for (let i = 0; i < managerCount; i++) {
    const [agency] = await deps.db
      .insert(organisations)
      .values({ name: `基准技术转移中心${i + 1}`, kind: 'agency' })
      .returning({ id: organisations.id });
    if (!agency) throw new Error('could not create a benchmark agency');
    const user = await createUser({
      deps,
      actor: 'system',
      input: {
        orgId: agency.id,
        name: `基准经理人${i + 1}`,
        role: 'manager',
        manager: { chains: [benchChain], capacity: 1000 },
      },
    });
    const key = await createApiKey({ deps, actor: 'system', userId: user.id, input: {} });
    managers.push({ userId: user.id, key: key.key });
  }
  return { enterpriseKey, managers };
}
