import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMatrix } from './matrix-parse.ts';
import { servedRoutes } from './matrix-routes.ts';
import { MatrixRunner } from './matrix-run.ts';
import { matrixTable } from './matrix-table.ts';
import { makeTarget } from './matrix-targets.ts';
import { buildMatrixWorld, type MatrixWorld } from './matrix-world.ts';

const matrix = parseMatrix(matrixTable);

/**
 * Who may do what, route by route: every route the app serves is called by every kind of caller on records
 * owned by others, and each answer is held to the table in matrix-table.ts, written from the rules.
 */
describe('authorization matrix (PGlite)', () => {
  let world: MatrixWorld;
  let runner: MatrixRunner;

  beforeAll(async () => {
    world = await buildMatrixWorld();
    runner = new MatrixRunner(world);
  });
  afterAll(async () => {
    await world?.close();
  });

  it('has a row for every route the app serves', async () => {
    const inTable = new Set(matrix.map((r) => r.key));
    const unlisted = (await servedRoutes(world)).filter((key) => !inTable.has(key));
    const messages = unlisted.map((key) => `${key} is served but not in the matrix: add it to the matrix`);
    expect(messages, messages.join('\n')).toEqual([]);
  });

  it('has no row for a route the app no longer serves', async () => {
    const served = new Set(await servedRoutes(world));
    const stale = matrix.filter((r) => !served.has(r.key)).map((r) => r.key);
    const messages = stale.map((key) => `${key}: entry for a route that no longer exists`);
    expect(messages, messages.join('\n')).toEqual([]);
  });

  for (const route of matrix) {
    it(`${route.key} answers each caller as the table says`, async () => {
      const failures = await runner.run(route);
      // The list in the message: vitest would cut a long array short in the diff.
      expect(failures, `\n${failures.join('\n')}\n`).toEqual([]);
    });
  }

  it('lists an assigned pair in the queue of its chief, not in an unrelated manager’s', async () => {
    const pair = await makeTarget(world, 'accepted:confidential');
    // Every page: the matrix leaves many pairs in these queues.
    const ids = async (key: string | undefined) => {
      const seen: string[] = [];
      for (let page = 1; ; page++) {
        const answer = await world.call('GET', `/v1/queue?pageSize=100&page=${page}`, key ? { key } : {});
        expect(answer.status).toBe(200);
        const items = answer.body.items as { id: string }[];
        seen.push(...items.map((item) => item.id));
        if (items.length < 100) return seen;
      }
    };
    expect(await ids(world.keys.chief)).toContain(pair.id);
    expect(await ids(world.keys.mgr)).toContain(pair.id);
    expect(await ids(world.keys.othM)).not.toContain(pair.id);
    expect(await ids(world.keys.mInU)).not.toContain(pair.id);
  });
});
