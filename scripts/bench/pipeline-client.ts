/**
 * The load client of `npm run bench:pipeline`, a process of its own so that its clock and its send schedule do
 * not share an event loop with the server under test (in the embedded runner PGlite, jieba and the jobs all run
 * on the API's thread). It talks to the API over HTTP only, and to the benchmark process over IPC:
 *
 *   parent → client  start {…}                       posts the needs on a fixed schedule
 *   client → parent  created {needId}                a POST answered 201
 *   parent → client  routed {needId, suggestionId, manager}
 *                                                    Postgres shows a routed suggestion of the need. With
 *                                                    confirm `live` the client then reads that manager's
 *                                                    GET /v1/queue until it lists it (that response is the
 *                                                    measured moment); with `after` the message is the moment,
 *                                                    and every manager's queue is read once the load is over
 *   parent → client  noMatch {needIds}               match jobs done with no suggestion: nothing to wait for
 *   client → parent  progress {line} / done {results}
 */
import type { ClientMessage, ClientStart, NeedResult, ParentMessage } from './pipeline-load.ts';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
const send = (message: ClientMessage) => process.send?.(message);

async function run(start: ClientStart) {
  const results: NeedResult[] = [];
  const byNeedId = new Map<string, NeedResult>();
  /** Routed before our own POST answered (possible when the server is saturated): handled once it answers. */
  const routedEarly = new Map<string, { suggestionId: string; manager: number }>();
  const headers = (key: string) => ({ authorization: `Bearer ${key}`, 'content-type': 'application/json' });
  let queueRequests = 0;
  const confirmations: Promise<void>[] = [];
  const suggestionOf = new Map<NeedResult, { suggestionId: string; manager: number }>();

  /** One manager's routed queue, page by page (`GET /v1/queue?stage=routed&pageSize=100`); stops when `found`. */
  const readQueue = async (manager: number, found: (ids: Set<string>) => boolean) => {
    const key = start.managerKeys[manager];
    if (!key) throw new Error(`no manager key ${manager}`);
    const ids = new Set<string>();
    for (let page = 1; ; page++) {
      const response = await fetch(`${start.baseUrl}/v1/queue?stage=routed&pageSize=100&page=${page}`, {
        headers: headers(key),
      });
      queueRequests++;
      const body = (await response.json()) as { items?: { id?: unknown }[]; total?: unknown };
      if (response.status !== 200) throw new Error(`GET /v1/queue answered ${response.status}`);
      const items = body.items ?? [];
      for (const item of items) if (typeof item.id === 'string') ids.add(item.id);
      if (found(ids) || items.length < 100 || page * 100 >= Number(body.total ?? 0)) return ids;
    }
  };

  /** Live: reads the manager's queue until it lists the suggestion; that response's arrival is the moment. */
  const confirmLive = async (result: NeedResult, suggestionId: string, manager: number) => {
    while (performance.now() - result.perfSent <= start.timeoutMs) {
      const ids = await readQueue(manager, (seen) => seen.has(suggestionId));
      if (ids.has(suggestionId)) {
        result.visibleMs = performance.now() - result.perfSent;
        result.confirmed = true;
        return;
      }
      await sleep(start.pollMs);
    }
  };

  /** After the load: every manager's whole routed queue once, checked against each need's suggestion. */
  const confirmAfter = async () => {
    const listed = await Promise.all(start.managerKeys.map((_, i) => readQueue(i, () => false)));
    for (const [result, { suggestionId, manager }] of suggestionOf) {
      result.confirmed = listed[manager]?.has(suggestionId) ?? false;
    }
  };

  const routed = (needId: string, suggestionId: string, manager: number) => {
    const result = byNeedId.get(needId);
    if (!result) {
      routedEarly.set(needId, { suggestionId, manager });
      return;
    }
    result.routedSeenMs = performance.now() - result.perfSent;
    suggestionOf.set(result, { suggestionId, manager });
    if (start.confirm === 'live') {
      confirmations.push(
        confirmLive(result, suggestionId, manager).catch((error: unknown) => {
          result.error = `queue: ${error instanceof Error ? error.message : String(error)}`;
        }),
      );
    }
  };

  const post = async (index: number, body: ClientStart['bodies'][number]) => {
    const result: NeedResult = { index, perfSent: performance.now(), sentWall: Date.now() };
    results.push(result);
    try {
      const response = await fetch(`${start.baseUrl}/v1/needs`, {
        method: 'POST',
        headers: headers(start.enterpriseKey),
        body: JSON.stringify(body),
      });
      const payload = (await response.json()) as { id?: unknown; code?: unknown };
      result.postMs = performance.now() - result.perfSent;
      result.status = response.status;
      if (response.status !== 201 || typeof payload.id !== 'string') {
        result.error = `POST /v1/needs answered ${response.status} ${String(payload.code ?? '')}`;
        return;
      }
      result.needId = payload.id;
      byNeedId.set(payload.id, result);
      send({ type: 'created', needId: payload.id });
      const early = routedEarly.get(payload.id);
      if (early) routed(payload.id, early.suggestionId, early.manager);
    } catch (error) {
      result.error = error instanceof Error ? error.message : String(error);
    }
  };

  process.on('message', (message: ParentMessage) => {
    if (message.type === 'routed') routed(message.needId, message.suggestionId, message.manager);
    if (message.type === 'noMatch') {
      for (const id of message.needIds) {
        const result = byNeedId.get(id);
        if (result) result.noMatch = true;
      }
    }
  });

  const started = performance.now();
  const interval = 1000 / start.rate;
  const posts: Promise<void>[] = [];
  let postingDone = false;
  const posting = (async () => {
    for (const [i, body] of start.bodies.entries()) {
      await sleep(started + i * interval - performance.now());
      posts.push(post(i, body));
    }
    await Promise.all(posts);
    postingDone = true;
  })();
  const settled = (r: NeedResult) =>
    r.error !== undefined ||
    (start.confirm === 'live' ? r.visibleMs : r.routedSeenMs) !== undefined ||
    r.noMatch === true ||
    performance.now() - r.perfSent > start.timeoutMs;
  let lastReport = started;
  while (!(postingDone && results.every(settled))) {
    await sleep(100);
    if (performance.now() - lastReport >= 2000) {
      lastReport = performance.now();
      send({ type: 'progress', line: progressLine(results, start.bodies.length, lastReport - started) });
    }
  }
  await posting;
  await Promise.all(confirmations);
  if (start.confirm === 'after') await confirmAfter();
  const lastSent = Math.max(...results.map((r) => r.perfSent));
  send({ type: 'progress', line: `${progressLine(results, start.bodies.length, lastSent - started)} — done` });
  send({
    type: 'done',
    results: results.sort((a, b) => a.index - b.index),
    postingSeconds: (lastSent - started) / 1000,
    queueRequests,
  });
}

function progressLine(results: readonly NeedResult[], total: number, elapsedMs: number) {
  const posted = results.length;
  const created = results.filter((r) => r.status === 201).length;
  const visible = results.filter((r) => r.visibleMs !== undefined || r.routedSeenMs !== undefined).length;
  const noMatch = results.filter((r) => r.noMatch).length;
  const rate = (posted / Math.max(elapsedMs / 1000, 0.001)).toFixed(1);
  return (
    `posted ${posted}/${total} (${rate}/s), 201 ${created}, routed ${visible}, no match ${noMatch}, ` +
    `waiting ${created - visible - noMatch}`
  );
}

process.once('message', (message: ParentMessage) => {
  if (message.type !== 'start') return;
  // The parent disconnects once it has the results; that ends this process.
  run(message).catch((error: unknown) => {
    process.stderr.write(`pipeline client: ${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
    process.exit(1);
  });
});
process.on('disconnect', () => process.exit(0));
