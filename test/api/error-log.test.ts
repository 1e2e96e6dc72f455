import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Deps } from '../../matching/core/deps.ts';
import { createLogger } from '../../scripts/logger.ts';
import { executeJob } from '../../workers/execute-job.ts';
import { catalogOf, defineJob } from '../../workers/job-catalog.ts';
import { makePersona, type Persona } from '../support/factories.ts';
import { type Call, startServer } from '../support/http.ts';
import { checkService } from '../support/services.ts';
import { type Backend, openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';

/**
 * A database error's message and properties quote the failed query's parameters (drizzle's "Failed query: …
 * params: …", postgres.js `parameters`, PGlite `params`). Unhandled errors are logged, so those logs must say
 * what failed (class, code, route) without any of the text that went into the query.
 */
const postgres = await checkService('TEST_DATABASE_URL');
const backends: Backend[] = postgres.available ? ['pglite', 'postgres'] : ['pglite'];

const canary = () => `CANARY${randomBytes(6).toString('hex')}`;
const parsed = (lines: string[]) => lines.map((line) => JSON.parse(line) as Record<string, any>);

for (const backend of backends) {
  describe(`error logs carry no request text, on ${backend}`, () => {
    let drop: () => Promise<void>;
    let close: () => Promise<void>;
    let call: Call;
    let deps: Deps;
    let ent: Persona;
    const lines: string[] = [];

    beforeAll(async () => {
      const handle = await openTestDb(backend, postgres.url);
      drop = handle.drop;
      const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
      deps = testDeps(handle.db, { logger });
      ({ call, close } = await startServer(deps));
      ent = await makePersona(deps, 'enterprise');
    });
    afterAll(async () => {
      await close?.();
      await drop?.();
    });

    it('an unhandled database error on a route logs class, code, request id, method and route only', async () => {
      // A real failure in the real database: every query on needs now names a column that is gone.
      await deps.db.execute(sql.raw('alter table needs rename column title to title_gone'));
      const inBody = canary();
      const inQuery = canary();
      const before = lines.length;
      const posted = await call('POST', '/v1/needs', {
        key: ent.key,
        body: { title: `${inBody} 液冷板`, description: `${inBody} 现有铝制液冷板重量偏大，希望减重20%以上` },
      });
      const listed = await call('GET', `/v1/needs?q=${inQuery}`, { key: ent.key });
      await deps.db.execute(sql.raw('alter table needs rename column title_gone to title'));

      for (const res of [posted, listed]) {
        expect(res.status).toBe(500);
        expect(res.body.code).toBe('internal_error');
      }
      const logged = lines.slice(before).join('\n');
      expect(logged).not.toContain(inBody);
      expect(logged).not.toContain(inQuery);
      expect(logged).not.toContain(ent.key);
      expect(logged).not.toMatch(/Failed query|params:/);

      const errors = parsed(lines.slice(before)).filter((line) => line.msg === 'unhandled error');
      expect(errors.map((line) => [line.method, line.route, line.requestId])).toEqual([
        ['POST', '/v1/needs', posted.body.requestId],
        ['GET', '/v1/needs', listed.body.requestId],
      ]);
      for (const line of errors) {
        expect(line.error.type).toBe('DrizzleQueryError');
        expect(line.error.cause.code).toBe('42703'); // undefined_column
        expect(line.error.stack).toMatch(/^at /);
        expect(Object.keys(line.error).sort()).toEqual(['cause', 'stack', 'type']);
      }
    });

    it('a failed job logs its error class and code, not the parameters of its query', async () => {
      const secret = canary();
      const catalog = catalogOf([
        defineJob({
          name: 'canary',
          payload: z.object({}),
          attempts: 1,
          backoff: { delayMs: 10, maxDelayMs: 10, jitter: 0 },
          timeoutMs: 10_000,
          process: (jobDeps) => jobDeps.db.execute(sql`select ${secret}::int`),
        }),
      ]);
      const before = lines.length;
      const run = await executeJob({ name: 'canary', id: 'canary-1', payload: {} }, 1, {
        deps,
        catalog,
        listeners: [],
      });
      expect(run).toMatchObject({ ok: false, final: true });
      const logged = lines.slice(before);
      expect(logged.join('\n')).not.toContain(secret);
      const [line] = parsed(logged).filter((l) => l.msg === 'job failed');
      expect(line?.error).toMatchObject({ type: 'DrizzleQueryError', cause: { code: '22P02' } }); // invalid_text_representation
    });

    it("the service's logger (scripts/logger.ts) keeps any error it is given to class, code and frames", async () => {
      const secret = canary();
      const error = await deps.db.execute(sql`select ${secret}::int`).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(String((error as Error).message)).toContain(secret); // the driver does quote it
      const out: string[] = [];
      const logger = createLogger('info', { write: (line: string) => out.push(line) });
      logger.error({ err: error }, 'as err');
      logger.error({ error }, 'as error');
      logger.error(error);
      logger.warn({ job: { name: 'x' }, query: `where title = '${secret}'`, params: [secret] }, 'fields');
      expect(out).toHaveLength(4);
      expect(out.join('\n')).not.toContain(secret);
      const [asErr, asError, bare] = parsed(out);
      expect(asErr?.err).toMatchObject({ type: 'DrizzleQueryError', cause: { code: '22P02' } });
      expect(asError?.error).toMatchObject({ type: 'DrizzleQueryError' });
      expect(bare?.err).toMatchObject({ type: 'DrizzleQueryError' });
    });
  });
}
