import { declineReasons } from '../../schema/enums.ts';
import { sleep, stringField, timedCall } from './load-http.ts';
import type { CallRecord, ManagerPersona, ManagerTally } from './load-types.ts';

export type ManagerContext = {
  baseUrl: string;
  /** Pause between one manager's calls, and after an empty queue read: keeps the traffic human-shaped. */
  pauseMs: number;
  calls: CallRecord[];
  tally: ManagerTally;
  stopped(): boolean;
};

type QueuedPair = { id: string; managerId: string | null };

/** Pairs a manager takes per queue read; a chief takes at most one pair routed to somebody else. */
const picksPerRead = 4;
/** Every n-th decision is sent twice at once, as a double click would: exactly one may apply. */
const doubleSubmitEvery = 10;

export const emptyTally = (): ManagerTally => ({
  claimsWon: [],
  decisionsApplied: [],
  claimRacesLost: 0,
  doubleSubmits: 0,
  doubleSubmitsRefused: 0,
});

/**
 * One manager working their queue until told to stop: read `GET /v1/queue?stage=routed`, claim, then accept
 * or decline with a reason. A chief also sees the routed pairs of their chains assigned to others and claims
 * one of those now and then, racing the assigned manager; the loser's 404/409 is an expected outcome.
 */
export async function runManager(persona: ManagerPersona, ctx: ManagerContext): Promise<void> {
  let decisions = 0;
  const url = (path: string) => `${ctx.baseUrl}${path}`;
  while (!ctx.stopped()) {
    const read = await timedCall(ctx.calls, 'get_queue', url('/v1/queue?stage=routed&pageSize=20'), persona.key);
    const items = read.status === 200 ? queuedPairs(read.body) : [];
    const own = items.filter((p) => p.managerId === persona.userId);
    const foreign = persona.isChief ? items.filter((p) => p.managerId !== persona.userId).slice(0, 1) : [];
    const picks = [...own.slice(0, picksPerRead - foreign.length), ...foreign];
    if (picks.length === 0) await sleep(ctx.pauseMs * 3);
    for (const pair of picks) {
      if (ctx.stopped()) return;
      await sleep(ctx.pauseMs);
      const claim = await timedCall(ctx.calls, 'claim', url(`/v1/suggestions/${pair.id}/claim`), persona.key, {
        method: 'POST',
      });
      if (claim.status === 404 || claim.status === 409) ctx.tally.claimRacesLost++;
      if (claim.status !== 200) continue;
      ctx.tally.claimsWon.push(pair.id);
      await sleep(ctx.pauseMs);
      decisions++;
      await decide(persona, pair.id, decisions, ctx);
    }
  }
}

async function decide(persona: ManagerPersona, id: string, n: number, ctx: ManagerContext) {
  const body = decisionFor(n);
  const send = () =>
    timedCall(ctx.calls, 'decision', `${ctx.baseUrl}/v1/suggestions/${id}/decision`, persona.key, {
      method: 'POST',
      body,
    });
  const double = n % doubleSubmitEvery === 0;
  const answers = double ? await Promise.all([send(), send()]) : [await send()];
  for (const answer of answers) if (answer.status === 200) ctx.tally.decisionsApplied.push(id);
  if (double) {
    ctx.tally.doubleSubmits++;
    if (answers.filter((a) => a.status === 409).length === 1) ctx.tally.doubleSubmitsRefused++;
  }
}

/** About a third accepted; the declines cycle through the reason codes, some with a note. */
function decisionFor(n: number) {
  if (n % 3 === 0) return { decision: 'accept', note: '技术路线匹配，安排双方对接' };
  const reason = declineReasons[n % declineReasons.length] ?? 'not_relevant';
  return n % 2 === 0
    ? { decision: 'decline', reason, note: '与企业需求的指标差距较大' }
    : { decision: 'decline', reason };
}

function queuedPairs(body: unknown): QueuedPair[] {
  if (typeof body !== 'object' || body === null) return [];
  const items = (body as { items?: unknown }).items;
  if (!Array.isArray(items)) return [];
  return items.flatMap((item: unknown) => {
    const id = stringField(item, 'id');
    return id ? [{ id, managerId: stringField(item, 'managerId') ?? null }] : [];
  });
}
