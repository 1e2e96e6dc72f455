import type { Logger } from 'pino';
import type { Db } from '../../schema/db.ts';
import type { MatchEngine } from '../engine/match-engine.ts';

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
  /** The in-memory lexical engine, caught up from `match_documents` before each use. */
  engine: MatchEngine;
};
