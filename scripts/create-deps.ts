import type { LlmAssist } from '../matching/assist/llm-assist.ts';
import { createOpenAiChatModel } from '../matching/assist/openai-chat-model.ts';
import { type Deps, systemClock } from '../matching/core/deps.ts';
import { MatchEngine } from '../matching/engine/match-engine.ts';
import { webhookTargetPolicy } from '../matching/notifications/webhook-target-policy.ts';
import { DataDirBusyError } from '../schema/data-dir-lock.ts';
import { type DbHandle, openDb } from '../schema/db.ts';
import { seedTaxonomyIfEmpty } from '../schema/seed/load-taxonomy.ts';
import { type Config, ConfigError } from './config.ts';
import { createDense } from './create-dense.ts';
import { describeDatabase } from './database-target.ts';
import { createLogger } from './logger.ts';

export type Runtime = {
  deps: Deps;
  driver: 'pglite' | 'postgres';
  /** Puts the server's port in the embedded folder's lock file, so a refused tool can say which server it is. */
  announcePort(port: number): void;
  close(): Promise<void>;
};

/** The composition root: the one place that turns config into live connections. */
export async function createDeps(config: Config): Promise<Runtime> {
  const logger = createLogger(config.LOG_LEVEL, undefined, config.LOG_FORMAT);
  // stderr, so a tool's stdout stays its answer; before opening, so even a refusal says which database.
  process.stderr.write(`${describeDatabase(config)}\n`);
  const handle = await openOwned(config, logger);
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
      llm: createLlm(config, logger),
      webhookPolicy: webhookTargetPolicy(config.WEBHOOK_ALLOW_HOSTS),
      routing: { chiefOverflow: config.ROUTING_CHIEF_OVERFLOW },
    },
    driver: handle.driver,
    announcePort: (port) => handle.lock?.setPort(port),
    close: () => handle.close(),
  };
}

/** AI assistance when LLM_BASE_URL is set; otherwise every assist feature answers from its offline path. */
function createLlm(config: Config, logger: Deps['logger']): LlmAssist | undefined {
  if (!config.LLM_BASE_URL) return undefined;
  const model = createOpenAiChatModel({
    baseURL: config.LLM_BASE_URL,
    apiKey: config.LLM_API_KEY ?? '',
    model: config.LLM_MODEL,
    responseFormat: config.LLM_RESPONSE_FORMAT,
    timeoutMs: config.LLM_TIMEOUT_MS,
    maxRetries: config.LLM_MAX_RETRIES,
    logger,
  });
  logger.info({ model: model.version, allowConfidential: config.LLM_ALLOW_CONFIDENTIAL }, 'AI assistance enabled');
  return {
    model,
    allowConfidential: config.LLM_ALLOW_CONFIDENTIAL,
    maxTokensPerRequest: config.LLM_MAX_TOKENS_PER_REQUEST,
    dailyTokensPerOrg: config.LLM_DAILY_TOKENS_PER_ORG,
  };
}

/** An embedded folder owned by another live process is a setup problem: every entry point prints it plainly. */
async function openOwned(config: Config, logger: Deps['logger']): Promise<DbHandle> {
  try {
    return await openDb({
      databaseUrl: config.DATABASE_URL,
      dataDir: config.DATA_DIR,
      onStaleLock: (stale) =>
        logger.warn({ dataDir: config.DATA_DIR, stale }, 'took over the lock of a process that is gone'),
    });
  } catch (error) {
    if (error instanceof DataDirBusyError) throw new ConfigError(error.message);
    throw error;
  }
}
