import { Ajv } from 'ajv';
import addFormatsPlugin from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Call, startServer } from '../support/http.ts';
import { openTestDb } from '../support/test-db.ts';
import { testDeps } from '../support/test-deps.ts';

type Json = Record<string, any>;
type Op = { key: string; path: string; method: string; op: Json };

const methods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);
const publicPaths = ['/healthz', '/readyz', '/openapi.json', '/docs', '/metrics', '/admin/jobs'];

/**
 * The rules `@redocly/cli lint` (recommended) and issue 13 apply, checked on the document the app serves:
 * redocly is not installed here, so the rules are written out.
 */
describe('the OpenAPI document at /openapi.json (real HTTP)', () => {
  let drop: () => Promise<void>;
  let close: () => Promise<void>;
  let call: Call;
  let doc: Json;
  let docHeaders: Headers;
  let ops: Op[];
  let ajv: Ajv;

  beforeAll(async () => {
    const handle = await openTestDb('pglite');
    drop = handle.drop;
    ({ call, close } = await startServer(testDeps(handle.db)));
    const res = await call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    doc = res.body;
    docHeaders = res.headers;
    ops = Object.entries(doc.paths as Json).flatMap(([path, item]) =>
      Object.entries(item as Json)
        .filter(([method]) => methods.has(method))
        .map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, path, method, op: op as Json })),
    );
    ajv = new Ajv({ strict: false, allErrors: true });
    (addFormatsPlugin as unknown as { default: (a: Ajv) => void }).default(ajv);
    ajv.addSchema({ $id: 'openapi.json', components: { schemas: doc.components.schemas } });
  });
  afterAll(async () => {
    await close?.();
    await drop?.();
  });

  /** Errors of `value` against an operation's schema, its `#/components/...` refs resolved in the document. */
  const schemaErrors = (schema: Json, value: unknown): string[] => {
    const rebased = JSON.parse(JSON.stringify(schema).replaceAll('"#/components/', '"openapi.json#/components/'));
    const validate = ajv.compile(rebased);
    return validate(value) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
  };

  it('lists every route the app serves, public pages included', () => {
    expect(ops.length).toBeGreaterThanOrEqual(42);
    expect(ops.map((o) => o.key)).toEqual(
      expect.arrayContaining(['GET /openapi.json', 'GET /docs', 'GET /metrics', 'GET /healthz', 'POST /v1/needs']),
    );
  });

  it('gives every operation a unique, readable operationId, stable for the ones clients already use', () => {
    const ids = ops.map((o) => o.op.operationId);
    expect(ops.filter((o) => !/^[a-z][A-Za-z]+$/.test(String(o.op.operationId))).map((o) => o.key)).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const byKey = Object.fromEntries(ops.map((o) => [o.key, o.op.operationId]));
    expect(byKey).toMatchObject({
      'POST /v1/needs': 'createNeed',
      'GET /v1/needs': 'listNeeds',
      'GET /v1/needs/{id}': 'getNeed',
      'POST /v1/suggestions/{id}/claim': 'claimSuggestion',
      'POST /v1/suggestions/{id}/decision': 'decideSuggestion',
      'GET /healthz': 'getLiveness',
    });
  });

  it('declares servers and a described top-level tag for every tag an operation uses', () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    const tags = doc.tags as { name: string; description?: string }[];
    expect(tags.filter((t) => !t.description?.trim()).map((t) => t.name)).toEqual([]);
    const declared = new Set(tags.map((t) => t.name));
    const untagged = ops.filter((o) => !o.op.tags?.length || !o.op.tags.every((t: string) => declared.has(t)));
    expect(untagged.map((o) => o.key)).toEqual([]);
    expect(ops.filter((o) => !o.op.summary).map((o) => o.key)).toEqual([]);
  });

  it('marks public routes `security: []` and every /v1 route with the bearer scheme', () => {
    expect(doc.components.securitySchemes.bearerAuth).toEqual({ type: 'http', scheme: 'bearer' });
    for (const path of publicPaths) expect(doc.paths[path]?.get?.security, path).toEqual([]);
    const v1 = ops.filter((o) => o.path.startsWith('/v1/'));
    expect(v1.filter((o) => JSON.stringify(o.op.security) !== '[{"bearerAuth":[]}]').map((o) => o.key)).toEqual([]);
    const other = ops.filter((o) => !o.path.startsWith('/v1/') && !publicPaths.includes(o.path));
    expect(other.map((o) => o.key)).toEqual([]);
  });

  it('describes every parameter, with an example its schema accepts, and declares every path parameter', () => {
    const problems: string[] = [];
    for (const { key, path, op } of ops) {
      const params = (op.parameters ?? []) as Json[];
      for (const p of params) {
        const where = `${key} ${p.in} ${p.name}`;
        if (!String(p.description ?? '').trim()) problems.push(`${where}: no description`);
        if (p.example === undefined) problems.push(`${where}: no example`);
        else problems.push(...schemaErrors(p.schema ?? {}, p.example).map((e) => `${where}: example ${e}`));
      }
      for (const [, name] of path.matchAll(/\{(\w+)\}/g)) {
        if (!params.some((p) => p.in === 'path' && p.name === name && p.required === true))
          problems.push(`${key}: path parameter ${name} not declared as required`);
      }
    }
    expect(problems).toEqual([]);
    expect(ops.reduce((n, o) => n + (o.op.parameters?.length ?? 0), 0)).toBeGreaterThan(50);
  });

  it('gives every request body a description and an example its schema accepts', () => {
    const bodies = ops.filter((o) => o.op.requestBody);
    expect(bodies.length).toBeGreaterThanOrEqual(12);
    const problems = bodies.flatMap(({ key, op }) => {
      const media = op.requestBody.content?.['application/json'];
      if (!media) return [`${key}: no application/json body`];
      if (!String(op.requestBody.description ?? '').trim()) return [`${key}: no description`];
      if (media.example === undefined) return [`${key}: no example`];
      return schemaErrors(media.schema, media.example).map((e) => `${key}: example ${e}`);
    });
    expect(problems).toEqual([]);
  });

  it('lists 429 and 500 problem documents on every operation and X-Request-Id on every answer', () => {
    const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
    const missing: string[] = [];
    for (const { key, op } of ops) {
      for (const status of ['429', '500']) {
        if (JSON.stringify(op.responses[status]?.content) !== JSON.stringify(problem)) missing.push(`${key} ${status}`);
      }
      if (!op.responses['429']?.headers?.['Retry-After']) missing.push(`${key} 429: Retry-After`);
      for (const [status, response] of Object.entries(op.responses as Record<string, Json>)) {
        if (response.headers?.['X-Request-Id']?.$ref !== '#/components/headers/X-Request-Id')
          missing.push(`${key} ${status}: X-Request-Id`);
      }
    }
    expect(missing).toEqual([]);
    expect(doc.components.headers['X-Request-Id'].description).toMatch(/request/i);
    expect(doc.components.schemas.Problem.properties.requestId).toBeDefined();
    // What is documented is what is sent.
    expect(docHeaders.get('x-request-id')).toMatch(/^[\w.-]{1,128}$/);
  });

  it('resolves every $ref in the document', () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(refs.length).toBeGreaterThan(100);
    const unresolved = [...new Set(refs)].filter((ref) => {
      let node: unknown = doc;
      for (const part of ref.replace(/^#\//, '').split('/')) node = (node as Json | undefined)?.[part];
      return node === undefined;
    });
    expect(unresolved).toEqual([]);
  });

  it('/docs renders Markdown, parameter words, constraints and response schemas', async () => {
    const res = await call('GET', '/docs');
    expect(res.status).toBe(200);
    const html: string = res.body;
    // Descriptions use backticks (queue-unrouted's `routing.how`); none may reach the page literally.
    expect(html).not.toContain('`');
    expect(html).toContain('<code>routing.how</code>');
    expect(html).toContain('Items per page, 1–100');
    const createNeed = html.slice(
      html.indexOf('id="createNeed"'),
      html.indexOf('</section>', html.indexOf('id="createNeed"')),
    );
    expect(createNeed).toContain('<b>required</b>; length 2–200');
    expect(createNeed).toContain('<a href="#schema-Need">Need</a>');
    expect(createNeed).toContain('&quot;动力电池包液冷板轻量化设计&quot;');
    expect(createNeed).toContain('Only <code>title</code> and <code>description</code> are required');
    const need = html.slice(
      html.indexOf('id="schema-Need"'),
      html.indexOf('</section>', html.indexOf('id="schema-Need"')),
    );
    expect(need).toContain('<code>matchState</code>');
    expect(need).toContain('<code>redacted</code>');
    expect(html).toContain('id="schema-Problem"');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
  });
});
