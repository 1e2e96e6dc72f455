/**
 * The load client of `npm run bench:load`, a process of its own so that its send schedule and its clocks do not
 * share an event loop with the service under test. It talks to the API over loopback HTTP only and to the
 * bench over IPC:
 *
 *   bench → client  start {…}    post the needs on a fixed schedule; managers start working their queues
 *   client → bench  posted       every need has been sent and answered (or the deadline came)
 *   bench → client  stop         the pipeline has drained: managers finish their current call and stop
 *   client → bench  progress / done {posts, calls, tally}
 */

import { sleep, stringField, timedCall } from './load-http.ts';
import { emptyTally, runManager } from './load-managers.ts';
import type { CallRecord, ClientMessage, ClientStart, ParentMessage, PostRecord } from './load-types.ts';

const send = (message: ClientMessage) => process.send?.(message);
let stopRequested = false;

async function run(start: ClientStart) {
  const calls: CallRecord[] = [];
  const posts: PostRecord[] = [];
  const tally = emptyTally();
  const managersStopped = () => stopRequested || Date.now() >= start.deadline;
  const managers = start.managers.map((persona) =>
    runManager(persona, {
      baseUrl: start.baseUrl,
      pauseMs: start.managerPollMs,
      calls,
      tally,
      stopped: managersStopped,
    }),
  );

  const postOne = async (index: number) => {
    const answer = await timedCall(calls, 'post_need', `${start.baseUrl}/v1/needs`, start.enterpriseKey, {
      method: 'POST',
      body: start.bodies[index],
    });
    const needId = answer.status === 201 ? stringField(answer.body, 'id') : undefined;
    posts.push({ index, status: answer.status, ms: answer.ms, ...(needId ? { needId } : {}) });
  };

  // Open loop: need i is due at started + i / rate, whatever the answers so far; only the in-flight cap
  // holds it back, and then the achieved rate falls below the target instead of the latencies hiding it.
  const started = performance.now();
  const interval = 1000 / start.rate;
  const inFlight = new Set<Promise<void>>();
  let sent = 0;
  const progress = setInterval(() => {
    const elapsed = (performance.now() - started) / 1000;
    const created = posts.filter((p) => p.status === 201).length;
    send({
      type: 'progress',
      line:
        `posting: sent ${sent}/${start.bodies.length} (${(sent / elapsed).toFixed(0)}/s), answered ${posts.length}, ` +
        `201 ${created}, in flight ${inFlight.size}; manager calls ${calls.length - posts.length}, ` +
        `claims won ${tally.claimsWon.length}, decisions ${tally.decisionsApplied.length}`,
    });
  }, 2000);
  for (let i = 0; i < start.bodies.length; i++) {
    if (Date.now() >= start.deadline) break;
    await sleep(started + i * interval - performance.now());
    while (inFlight.size >= start.maxInFlight) await Promise.race(inFlight);
    const call = postOne(i).finally(() => inFlight.delete(call));
    inFlight.add(call);
    sent++;
  }
  await Promise.all(inFlight);
  clearInterval(progress);
  const postingSeconds = (performance.now() - started) / 1000;
  send({ type: 'posted', postingSeconds });

  await Promise.all(managers);
  const managerSeconds = (performance.now() - started) / 1000;
  send({
    type: 'done',
    posts: posts.sort((a, b) => a.index - b.index),
    calls,
    tally,
    postingSeconds,
    managerSeconds,
    unsent: start.bodies.length - sent,
  });
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'stop') stopRequested = true;
  if (message.type !== 'start') return;
  run(message).catch((error: unknown) => {
    process.stderr.write(`load client: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
});
// The bench disconnects once it has the results (or when it fails); either way this process is done.
process.on('disconnect', () => process.exit(0));
