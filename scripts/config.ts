import { z } from 'zod';
import { webhookAllowHosts } from '../matching/notifications/webhook-target-policy.ts';
import { resolveDataDir } from './database-target.ts';

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Empty strings count as unset, so `DATABASE_URL=` in a .env file means "embedded". */
const optionalUrl = z.preprocess((v) => (v === '' ? undefined : v), z.url().optional());

export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Resolved here, once, against the project folder (scripts/database-target.ts): every tool means one folder. */
  DATA_DIR: z
    .string()
    .min(1)
    .default('./data')
    .transform((value) => resolveDataDir(value)),
  DATABASE_URL: optionalUrl,
  REDIS_URL: optionalUrl,
  LOG_LEVEL: z.enum(logLevels).default('info'),
  /** auto: readable lines on a terminal, JSON lines when piped to a file or a log collector. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  /** Load the Chinese demo set into an empty embedded database on first start. */
  DEMO_DATA: z.enum(['auto', 'on', 'off']).default('auto'),
  /** An alternative industry taxonomy (JSON), replacing Huzhou's 1366 on first start. */
  TAXONOMY_FILE: z.string().optional(),
  /** Dense retrieval: an OpenAI-compatible embeddings endpoint, fused with BM25 when DENSE_WEIGHT > 0. */
  EMBEDDINGS_URL: optionalUrl,
  EMBEDDINGS_API_KEY: z.string().optional(),
  EMBEDDINGS_MODEL: z.string().min(1).default('text-embedding-3-small'),
  EMBEDDINGS_DIMENSIONS: z.coerce.number().int().positive().optional(),
  DENSE_WEIGHT: z.coerce.number().min(0).max(1).default(0),
  VECTOR_STORE: z.enum(['pgvector', 'qdrant']).default('pgvector'),
  QDRANT_URL: optionalUrl,
  QDRANT_API_KEY: z.string().optional(),
  /**
   * AI assistance (need intake, explanations, outreach drafts): any OpenAI-compatible chat endpoint. Unset, every
   * assist feature answers from its deterministic offline path and says so.
   */
  LLM_BASE_URL: optionalUrl,
  LLM_API_KEY: z.string().optional(),
  LLM_MODEL: z.string().min(1).default('gpt-4o-mini'),
  /** json_schema (structured outputs) where the provider supports it; json_object for those that only do JSON mode. */
  LLM_RESPONSE_FORMAT: z.enum(['json_schema', 'json_object']).default('json_schema'),
  /** One attempt's limit; the openai client retries 429, 5xx and timeouts LLM_MAX_RETRIES times. */
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(20_000),
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** Completion tokens one request may use (max_tokens). */
  LLM_MAX_TOKENS_PER_REQUEST: z.coerce.number().int().positive().default(1_500),
  /** Tokens (prompt + completion) one organisation may spend per UTC day; past it assistance answers offline. */
  LLM_DAILY_TOKENS_PER_ORG: z.coerce.number().int().min(0).default(200_000),
  /** Send confidential (保密) records to the model; only for a model the deployment runs itself or trusts. */
  LLM_ALLOW_CONFIDENTIAL: z.preprocess(
    (v) => (v === '' || v === undefined ? 'false' : v),
    z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1'),
  ),
  /** A worker process serves `GET /metrics` on this port when set (the API serves it on PORT). */
  METRICS_PORT: z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(1).max(65535).optional()),
  /** Webhook receivers on non-public addresses that an on-premises deployment trusts: hosts, IPs, CIDRs. */
  WEBHOOK_ALLOW_HOSTS: webhookAllowHosts,
  /** Requests per API key per minute: 10/s sustained, well above a person at the UI or a syncing integration. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(600),
  /** Requests per client address per minute: room for two busy keys behind one office NAT. */
  RATE_LIMIT_IP_PER_MINUTE: z.coerce.number().int().positive().default(1200),
  /** Failed authentications per client address per 10 minutes; past it the address gets 429 for everything. */
  RATE_LIMIT_AUTH_FAILURES: z.coerce.number().int().positive().default(20),
  /**
   * How far past their capacity chief managers take overflow, as a share of it (0.2: 5 more needs on 25, at
   * least one; 0: none). Beyond it a need waits on the admin unrouted list and admins are notified.
   */
  ROUTING_CHIEF_OVERFLOW: z.coerce.number().min(0).max(10).default(0.2),
  /** Reverse proxies in front of the API whose X-Forwarded-For entries are believed; 0 uses the socket address. */
  TRUST_PROXY: z.preprocess(
    (v) => (v === 'true' ? 1 : v === 'false' || v === '' ? 0 : v),
    z.coerce.number().int().min(0).max(10).default(0),
  ),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

/** Parses once at start-up; the message names every bad variable so the operator can fix them in one go. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema.superRefine(requireDenseSettings).safeParse(env);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
}

/** Settings that only make sense together; each missing one is named. */
function requireDenseSettings(config: Config, ctx: z.RefinementCtx) {
  // The local embedder earns no fusion weight (ADR 0002), so dense retrieval in the service needs an endpoint.
  if (config.DENSE_WEIGHT > 0 && !config.EMBEDDINGS_URL) {
    ctx.addIssue({ code: 'custom', path: ['EMBEDDINGS_URL'], message: 'required when DENSE_WEIGHT > 0' });
  }
  if (config.VECTOR_STORE === 'qdrant' && !config.QDRANT_URL) {
    ctx.addIssue({ code: 'custom', path: ['QDRANT_URL'], message: 'required when VECTOR_STORE=qdrant' });
  }
}
