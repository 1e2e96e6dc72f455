import pino from 'pino';
import { type Deps, systemClock } from '../../matching/core/deps.ts';
import { MatchEngine } from '../../matching/engine/match-engine.ts';
import type { Db } from '../../schema/db.ts';

export function testDeps(db: Db, overrides: Partial<Deps> = {}): Deps {
  return { db, logger: pino({ level: 'silent' }), clock: systemClock, engine: new MatchEngine(db), ...overrides };
}
