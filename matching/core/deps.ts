import type { Logger } from 'pino';
import type { Db } from '../../schema/db.ts';

export type Clock = { now(): Date };
export const systemClock: Clock = { now: () => new Date() };

/**
 * Everything a domain verb or processor may touch, built once by `createDeps(config)` (scripts/create-deps.ts)
 * or by a test. Later issues add queue, vectors, embedder and llm ports here.
 */
export type Deps = {
  db: Db;
  logger: Logger;
  clock: Clock;
};
