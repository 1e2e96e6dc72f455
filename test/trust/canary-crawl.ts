import type { Call } from '../support/http.ts';
import { type Canary, findInBody, findInHeaders } from './canary-tokens.ts';
import type { Caller } from './canary-world.ts';

export type CrawlRequest = { method: 'GET' | 'POST'; template: string; path: string };

/** One token seen by one caller in one answer: enough to find the leak without re-running anything. */
export type Exposure = { caller: string; route: string; status: number; field: string; canary: string };

export type CrawlLog = {
  requests: number;
  /** Per caller, how many requests were made and how many answered 2xx (a crawl of only 404s proves little). */
  perCaller: Map<string, { requests: number; ok: number }>;
  templates: Set<string>;
  exposures: Exposure[];
  serverErrors: { caller: string; route: string; status: number }[];
};

export const emptyCrawlLog = (): CrawlLog => ({
  requests: 0,
  perCaller: new Map(),
  templates: new Set(),
  exposures: [],
  serverErrors: [],
});

/**
 * Sends every request as every caller (a few at a time) and records where any token appears in a status
 * line's answer: each header and each field of the body. Judging who may see what is the suite's job.
 */
export async function crawl(
  call: Call,
  callers: readonly Caller[],
  requests: readonly CrawlRequest[],
  canaries: readonly Canary[],
  log: CrawlLog,
  concurrency = 6,
): Promise<CrawlLog> {
  const work = callers.flatMap((caller) => requests.map((request) => ({ caller, request })));
  let next = 0;
  const worker = async () => {
    for (let item = work[next++]; item; item = work[next++]) {
      const { caller, request } = item;
      const answer = await call(request.method, request.path, caller.key ? { key: caller.key } : {});
      const route = `${request.method} ${request.path}`;
      const counts = log.perCaller.get(caller.label) ?? { requests: 0, ok: 0 };
      counts.requests += 1;
      if (answer.status < 300) counts.ok += 1;
      log.perCaller.set(caller.label, counts);
      log.requests += 1;
      log.templates.add(`${request.method} ${request.template}`);
      if (answer.status >= 500) log.serverErrors.push({ caller: caller.label, route, status: answer.status });
      const found = [...findInHeaders(answer.headers, canaries), ...findInBody(answer.body, canaries)];
      for (const f of found) log.exposures.push({ caller: caller.label, route, status: answer.status, ...f });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return log;
}

export const describeExposure = (e: Exposure) => `${e.caller} | ${e.route} (${e.status}) | ${e.field} | ${e.canary}`;
