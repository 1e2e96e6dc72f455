import { sql } from 'drizzle-orm';
import type { CreateNeedInput } from '../../matching/needs/need-input.ts';
import { type Db, queryRows } from '../../schema/db.ts';
import type { PipelineState } from './load-drain.ts';
import type { ManagerTally, PostRecord } from './load-types.ts';

export type Checks = {
  /** Needs answered 201 whose row is missing (or carries another id), plus stored needs never matched. */
  lost: number;
  answered201: number;
  storedRows: number;
  missingRows: number;
  wrongIds: number;
  unmatched: number;
  /** Rows stored for a post that got no 201 (e.g. a client timeout): not lost, but worth knowing. */
  storedWithout201: number;
  /** Rows whose title is none of the posted ones (a fresh database should have none). */
  foreignRows: number;
  /** Extra rows of the same posted need, duplicate (need, achievement) pairs, double-applied claims/decisions. */
  duplicated: number;
  duplicateNeedRows: number;
  duplicatePairs: number;
  doubleClaims: number;
  doubleDecisions: number;
  /** Claim/decision events in the database vs 200 answers the managers got (differ only if an answer was lost). */
  claimEvents: number;
  decisionEvents: number;
};

/** Compares what the client posted and was told with what the database holds after the drain. */
export async function checkOutcome(
  db: Db,
  bodies: readonly CreateNeedInput[],
  posts: readonly PostRecord[],
  tally: ManagerTally,
  state: PipelineState,
): Promise<Checks> {
  const rows = await queryRows<{ title: string; ids: string[] }>(
    db,
    sql`select title, array_agg(id::text) as ids from needs group by title`,
  );
  const idsByTitle = new Map(rows.map((r) => [r.title, r.ids]));
  const answerOf = new Map(posts.map((p) => [p.index, p]));
  let missingRows = 0;
  let wrongIds = 0;
  let storedWithout201 = 0;
  let duplicateNeedRows = 0;
  const posted = new Set<string>();
  bodies.forEach((body, index) => {
    posted.add(body.title);
    const ids = idsByTitle.get(body.title) ?? [];
    duplicateNeedRows += Math.max(0, ids.length - 1);
    const answer = answerOf.get(index);
    if (answer?.status === 201) {
      if (ids.length === 0) missingRows++;
      else if (!answer.needId || !ids.includes(answer.needId)) wrongIds++;
    } else if (ids.length > 0) storedWithout201++;
  });
  const foreignRows = rows.filter((r) => !posted.has(r.title)).reduce((sum, r) => sum + r.ids.length, 0);

  const [dup] = await queryRows<{ pairs: string; claims: string; decisions: string; ce: string; de: string }>(
    db,
    sql`
      select
        (select count(*) from (select 1 from suggestions group by need_id, achievement_id having count(*) > 1) d)
          as pairs,
        (select count(*) from (select 1 from suggestion_events where type = 'claimed'
           group by suggestion_id having count(*) > 1) c) as claims,
        (select count(*) from (select 1 from suggestion_events where type in ('accepted', 'declined')
           group by suggestion_id having count(*) > 1) d) as decisions,
        (select count(*) from suggestion_events where type = 'claimed') as ce,
        (select count(*) from suggestion_events where type in ('accepted', 'declined')) as de`,
  );
  if (!dup) throw new Error('duplicate query returned no row');
  // A pair the client was told twice it had claimed or decided is double-applied even if the log hid it.
  const repeats = (ids: readonly string[]) => ids.length - new Set(ids).size;
  const doubleClaims = Math.max(Number(dup.claims), repeats(tally.claimsWon));
  const doubleDecisions = Math.max(Number(dup.decisions), repeats(tally.decisionsApplied));
  const duplicatePairs = Number(dup.pairs);
  const answered201 = posts.filter((p) => p.status === 201).length;
  const unmatched = state.stored - state.matched;
  return {
    lost: missingRows + wrongIds + unmatched,
    answered201,
    storedRows: rows.reduce((sum, r) => sum + r.ids.length, 0),
    missingRows,
    wrongIds,
    unmatched,
    storedWithout201,
    foreignRows,
    duplicated: duplicateNeedRows + duplicatePairs + doubleClaims + doubleDecisions,
    duplicateNeedRows,
    duplicatePairs,
    doubleClaims,
    doubleDecisions,
    claimEvents: Number(dup.ce),
    decisionEvents: Number(dup.de),
  };
}
