import { type OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from './env.ts';
import { type ParameterDoc, parameterDoc } from './openapi-parameters.ts';
import { problemSchema } from './schemas.ts';

/** Every tag an operation may carry, in the order /docs shows them. */
export const documentTags = [
  { name: 'needs', description: "Enterprises' technical needs: post, list, update, withdraw, and see their pairs." },
  {
    name: 'achievements',
    description: "Institutions' research achievements (patents, TRL, transfer terms) and the needs they pair with.",
  },
  {
    name: 'queue',
    description: "Technology managers' work: the routed pairs in their queue, claiming, deciding, moving stages.",
  },
  { name: 'parties', description: 'What the two owners of an accepted pair disclose to each other.' },
  {
    name: 'platforms',
    description:
      'PoC centres (概念验证中心) and pilot platforms (中试平台): their service catalogues and the pairs sent to them.',
  },
  {
    name: 'outcomes',
    description: 'What happened to an accepted pair: PoC phases, pilots, the deal and the landing, each an event.',
  },
  {
    name: 'assist',
    description:
      'AI assistance: need intake from free text, explanations and outreach drafts for managers. Works with any ' +
      'OpenAI-compatible model or, without one, offline; every answer says which (`source`).',
  },
  {
    name: 'stats',
    description:
      'Closed-loop statistics for the bureau, computed from the event log: funnel, durations and SLA breaches, ' +
      'breakdowns, series and annual targets (admins; a manager sees the pairs they hold).',
  },
  { name: 'notifications', description: "The caller's inbox of events about their records and pairs." },
  { name: 'webhooks', description: "An organisation's HTTP callbacks for pair events, signed with their secret." },
  { name: 'reference', description: 'Who the caller is, and the industry chains records are filed under.' },
  { name: 'admin', description: 'Organisations, users, API keys and background jobs (admins only).' },
  { name: 'operations', description: 'Liveness, readiness and Prometheus metrics. No API key.' },
  { name: 'documentation', description: 'This document and its rendered page. No API key.' },
];

/** Relative, so the document is right behind any proxy or port it is served from. */
export const documentServers = [{ url: '/', description: 'The server this document was fetched from' }];

const requestIdHeader = {
  description:
    'The id of this request: yours from `X-Request-Id` when it is 1–128 letters, digits, `_`, `.` or `-`, ' +
    'else a new UUID. Problem documents carry it as `requestId`; quote it when reporting a problem.',
  schema: { type: 'string' as const, example: '5f0c2a8e-9d41-4b7e-a3c6-1e2f8b7d9a10' },
};

const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });

/**
 * The parts of the document that are not one route file's: the shared response header, and the public pages
 * the app serves with plain handlers (api/app.ts), so that a client sees every route and that none needs a key.
 */
export function registerDocumentParts(app: OpenAPIHono<AppEnv>) {
  const registry = app.openAPIRegistry;
  registry.register('Problem', problemSchema);
  registry.registerComponent('headers', 'X-Request-Id', requestIdHeader);
  registry.registerPath({
    method: 'get',
    path: '/openapi.json',
    operationId: 'getOpenApiDocument',
    tags: ['documentation'],
    summary: 'This OpenAPI 3.1 document',
    security: [],
    responses: {
      200: {
        description: 'The document (cacheable for five minutes)',
        content: { 'application/json': { schema: z.looseObject({}) } },
      },
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/docs',
    operationId: 'getDocsPage',
    tags: ['documentation'],
    summary: 'This document as a self-contained HTML page',
    security: [],
    responses: { 200: html('The reference page') },
  });
  registry.registerPath({
    method: 'get',
    path: '/metrics',
    operationId: 'getMetrics',
    tags: ['operations'],
    summary: 'Prometheus metrics (keep off the public internet)',
    description: 'Counts, durations and bounded labels only: no ids, keys or text.',
    security: [],
    responses: {
      200: { description: 'Prometheus text exposition format', content: { 'text/plain': { schema: z.string() } } },
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/admin/jobs',
    operationId: 'getJobsPage',
    tags: ['admin'],
    summary: 'Background jobs page; it asks for an admin key and calls `GET /v1/admin/jobs` with it',
    security: [],
    responses: { 200: html('The page') },
  });
}

type Json = Record<string, unknown>;
type Parameter = {
  name: string;
  in: string;
  description?: string;
  example?: unknown;
  schema?: { description?: string; example?: unknown };
};
type Operation = { parameters?: Parameter[]; responses?: Record<string, Json> };
export type OpenApiDocument = ReturnType<OpenAPIHono<AppEnv>['getOpenAPI31Document']>;

const problemContent = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
/** Every route sits behind the per-address limit (api/rate-limit.ts) and the error handler. */
const standardResponses: Record<string, Json> = {
  429: {
    description: 'Rate limit reached (per key, per client address, or failed keys per address); see `Retry-After`',
    headers: { 'Retry-After': { description: 'Seconds until the limit resets', schema: { type: 'integer' } } },
    content: problemContent,
  },
  500: {
    description: 'Unexpected server error; logged under `requestId`, nothing else is revealed',
    content: problemContent,
  },
};
const requestIdRef = { $ref: '#/components/headers/X-Request-Id' };

const httpMethods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

/**
 * What holds for every operation, added once rather than in 40 route files: the 429 and 500 answers, the
 * `X-Request-Id` header on every answer (api/request-context.ts sets it), and parameter words
 * (api/openapi-parameters.ts). Words a route wrote itself are kept.
 */
export function completeDocument(doc: OpenApiDocument): OpenApiDocument {
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, raw] of Object.entries(item)) {
      if (!httpMethods.has(method)) continue;
      const op = raw as Operation;
      for (const param of op.parameters ?? []) describe(param, parameterDoc(param.name, path));
      const responses = { ...standardResponses, ...op.responses };
      op.responses = Object.fromEntries(
        Object.entries(responses).map(([status, response]) => [
          status,
          { ...response, headers: { ...(response.headers as Json | undefined), 'X-Request-Id': requestIdRef } },
        ]),
      );
    }
  }
  return doc;
}

/** A route's own words win; the generator leaves a zod `.openapi({ example })` on the schema, so lift it. */
function describe(param: Parameter, words: ParameterDoc | undefined) {
  param.description ??= param.schema?.description ?? words?.description;
  if (param.example === undefined) param.example = param.schema?.example ?? words?.example;
}
