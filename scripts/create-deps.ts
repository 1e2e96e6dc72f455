import { type Deps, systemClock } from '../matching/core/deps.ts';
import { MatchEngine } from '../matching/engine/match-engine.ts';
import { webhookTargetPolicy } from '../matching/notifications/webhook-target-policy.ts';
import { openDb } from '../schema/db.ts';
import { seedTaxonomyIfEmpty } from '../schema/seed/load-taxonomy.ts';
import type { Config } from './config.ts';
import { createDense } from './create-dense.ts';
import { createLogger } from './logger.ts';

export type Runtime = { deps: Deps; driver: 'pglite' | 'postgres'; close(): Promise<void> };

/** The composition root: the one place that turns config into live connections. */
export async function createDeps(config: Config): Promise<Runtime> {
  const logger = createLogger(config.LOG_LEVEL);
  const handle = await openDb({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await handle.migrate();
  const seeded = await seedTaxonomyIfEmpty(handle.db, config.TAXONOMY_FILE);
  if (seeded) logger.info({ taxonomy: config.TAXONOMY_FILE ?? 'huzhou-1366' }, 'industry taxonomy loaded');
  const dense = await createDense(config, handle.db, logger);
  return {
    deps: {
      db: handle.db,
      logger,
      clock: systemClock,
      engine: new MatchEngine(handle.db),
      dense,
      webhookPolicy: webhookTargetPolicy(config.WEBHOOK_ALLOW_HOSTS),
      routing: { chiefOverflow: config.ROUTING_CHIEF_OVERFLOW },
    },
    driver: handle.driver,
    close: () => handle.close(),
  };
}
