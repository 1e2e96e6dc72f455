import { describe, it } from 'vitest';
import { checkService } from '../support/services.ts';
import { apiFuzzSuite } from './fuzz-suite.ts';

/** Fixed, so CI runs are reproducible; a failure prints the seed it ran with. */
const defaultSeed = 20_250_611;

const envInt = (name: string, fallback: number) => {
  const raw = process.env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isSafeInteger(value)) throw new Error(`${name} must be an integer, got "${raw}"`);
  return value;
};

const seed = envInt('FUZZ_SEED', defaultSeed);
apiFuzzSuite('pglite', { runs: envInt('FUZZ_RUNS', 10_000), seed });

// A smaller run on the real server: the same answers must hold where PostgreSQL, not PGlite, rejects input.
const service = await checkService('TEST_DATABASE_URL');
if (service.available) apiFuzzSuite('postgres', { runs: envInt('FUZZ_PG_RUNS', 2_000), seed, serverUrl: service.url });
else describe.skip(`API fuzz on postgres (${service.reason})`, () => it('skipped', () => {}));
