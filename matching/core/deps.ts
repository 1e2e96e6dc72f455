import type { Logger } from 'pino';
import type { Db } from '../../schema/db.ts';
import type { LlmAssist } from '../assist/llm-assist.ts';
import type { Embedder } from '../embedders/embedder.ts';
import type { MatchEngine } from '../engine/match-engine.ts';
import type { WebhookTargetPolicy } from '../notifications/webhook-target-policy.ts';
import type { RoutingConfig } from '../routing/routing-config.ts';
import type { VectorIndex } from '../vectors/vector-index.ts';

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
  /** Dense retrieval, when an embedder is configured with a fusion weight above 0 (see ADR 0002). */
  dense?: DenseRetrieval | undefined;
  /** AI assistance (LLM_*): a chat model and its rules; absent means every assist feature answers offline. */
  llm?: LlmAssist | undefined;
  /** Called after a write that recorded work, so a local relay hands it over without waiting for its poll. */
  workRecorded?: (() => void) | undefined;
  /** Queue depth for operations views, where this process has a runner. */
  jobQueue?: JobQueueStats | undefined;
  /**
   * Non-public webhook targets this deployment trusts (WEBHOOK_ALLOW_HOSTS), honoured at registration and at
   * delivery; absent means public addresses only.
   */
  webhookPolicy?: WebhookTargetPolicy | undefined;
  /** Routing settings (ROUTING_CHIEF_OVERFLOW); absent means the defaults of routing-config.ts. */
  routing?: RoutingConfig | undefined;
};

/** What the job runner can say about work it holds (workers/job-runner.ts implements it). */
export type JobQueueStats = {
  kind: string;
  counts(): Promise<{ waiting: number; active: number; delayed: number }>;
};

/** An embedder and the vector index of its space; `weight` scales cosine against normalised BM25 in fusion. */
export type DenseRetrieval = { embedder: Embedder; index: VectorIndex; weight: number };
