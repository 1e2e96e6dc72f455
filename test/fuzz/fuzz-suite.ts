import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../support/http.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';
import { answerViolations } from './answer-check.ts';
import { createFuzzClient, describeWire, toWire, type World } from './fuzz-client.ts';
import { seedWorld } from './fuzz-world.ts';
import { type Operation, readOperations } from './openapi-operations.ts';
import { type FuzzRequest, operationRequest, unlistedRequest } from './request-arbitrary.ts';

const bodyLimit = 64 * 1024;
/** Requests in flight at once: enough to keep both cores busy, few enough to shrink a failure quickly. */
const parallel = 4;
const healthEvery = 500;

export type FuzzOptions = { runs: number; seed: number; serverUrl?: string | undefined };

/**
 * Fuzzes every operation of the app's own /openapi.json over real HTTP: schema-shaped bodies and their
 * mutations, hostile strings, bodies near and over the limit, bad ids and query values, wrong content types,
 * every kind of caller. No answer may be a 5xx, every 4xx is a problem document, and /healthz stays 200.
 */
export function apiFuzzSuite(backend: Backend, options: FuzzOptions) {
  describe(`API fuzz on ${backend}`, () => {
    let drop: () => Promise<void>;
    let close: () => Promise<void>;
    let url: string;
    let operations: Operation[];
    let resolve: ReturnType<typeof readOperations>['resolve'];
    let world: World;
    // Only error lines: the stack of a 500, found by the requestId its answer carries.
    const errorLines: string[] = [];

    beforeAll(async () => {
      const handle = await openTestDb(backend, options.serverUrl);
      drop = handle.drop;
      const logger = pino({ level: 'error' }, { write: (line: string) => errorLines.push(line) });
      const deps = testDeps(handle.db, { logger });
      const server = await startServer(deps, bodyLimit);
      ({ close, url } = server);
      const doc = await server.call('GET', '/openapi.json');
      if (doc.status !== 200) throw new Error(`GET /openapi.json answered ${doc.status}: ${JSON.stringify(doc.body)}`);
      ({ operations, resolve } = readOperations(doc.body));
      world = await seedWorld(deps, server.call);
    });
    afterAll(async () => {
      await close?.();
      await drop?.();
    });

    it(`answers ${options.runs} fuzzed requests without a 5xx, with problem documents for 4xx, staying healthy`, async () => {
      const client = createFuzzClient(url, { sockets: parallel, ownConnectionAbove: bodyLimit });
      const sentByOperation = new Map<string, number>();
      const statuses = new Map<number, number>();
      let sent = 0;
      let nextHealthCheck = healthEvery;
      const healthy = async () => {
        const answer = await client.send({ method: 'GET', path: '/healthz', headers: {}, body: undefined });
        if (answer.status !== 200) throw new Error(`GET /healthz answered ${answer.status} after ${sent} requests`);
      };
      const stackOf = (text: string) => {
        const requestId = /"requestId":"([^"]+)"/.exec(text)?.[1];
        return errorLines.find((line) => requestId && line.includes(requestId))?.slice(0, 4_000) ?? '(no error logged)';
      };
      const check = async (req: FuzzRequest) => {
        const wire = toWire(req, world);
        const answer = await client.send(wire);
        sent++;
        sentByOperation.set(req.op, (sentByOperation.get(req.op) ?? 0) + 1);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        const wrong = answerViolations(wire.method, answer);
        if (wrong.length === 0) return;
        const log = answer.status >= 500 ? `\n  server log: ${stackOf(answer.text)}` : '';
        throw new Error(`${req.op}: ${wrong.join('; ')}\n  request: ${describeWire(wire)}${log}`);
      };

      const request = fc.oneof(
        { weight: 30, arbitrary: fc.oneof(...operations.map((op) => operationRequest(op, resolve, bodyLimit))) },
        { weight: 1, arbitrary: unlistedRequest(operations, bodyLimit) },
      );
      const batch = fc.array(request, { minLength: parallel, maxLength: parallel });
      const property = fc.asyncProperty(batch, async (requests) => {
        await Promise.all(requests.map(check));
        if (sent >= nextHealthCheck) {
          nextHealthCheck = sent + healthEvery;
          await healthy();
        }
      });

      const started = performance.now();
      console.log(`[fuzz ${backend}] seed=${options.seed} requests=${options.runs} (FUZZ_SEED / FUZZ_RUNS override)`);
      try {
        await fc.assert(property, {
          seed: options.seed,
          numRuns: Math.ceil(options.runs / parallel),
          includeErrorInReport: true,
        });
      } catch (error) {
        const reproduce = `FUZZ_SEED=${options.seed} FUZZ_RUNS=${options.runs} npx vitest run test/fuzz/api-fuzz.test.ts`;
        throw new Error(
          `[fuzz ${backend}] failed after ${sent} requests; reproduce with: ${reproduce}\n${String(error)}`,
        );
      } finally {
        client.close();
      }
      await healthy();
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      const histogram = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`);
      console.log(
        `[fuzz ${backend}] ${sent} requests in ${seconds} s over ${sentByOperation.size - 1} operations ` +
          `(+${sentByOperation.get('unlisted') ?? 0} outside the document), ${client.retries()} retried after a reset; ` +
          `statuses ${histogram.join(' ')}`,
      );
      expect(sent).toBeGreaterThanOrEqual(options.runs);
      const missed = operations.map((op) => op.key).filter((key) => !sentByOperation.has(key));
      expect(missed).toEqual([]);
      expect(sentByOperation.get('unlisted') ?? 0).toBeGreaterThan(0);
    }, 600_000);
  });
}
