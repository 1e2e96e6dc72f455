import { randomBytes } from 'node:crypto';
import { createApp } from '../../api/app.ts';
import { createMetrics } from '../../workers/metrics.ts';
import { readOperations } from '../fuzz/openapi-operations.ts';
import { sampleAchievement, sampleNeed } from '../support/factories.ts';
import type { CallerLabel, MatrixWorld } from './matrix-world.ts';

/**
 * Every `METHOD /path/{param}` the app answers: the operations of its OpenAPI document, and the routes
 * registered on the app itself (pages, the document, metrics, the redirect), which the document does not list.
 */
export async function servedRoutes(world: MatrixWorld): Promise<string[]> {
  const doc = await world.call('GET', '/openapi.json');
  if (doc.status !== 200) throw new Error(`GET /openapi.json answered ${doc.status}`);
  const documented = readOperations(doc.body).operations.map((op) => op.key);
  const app = createApp(world.deps, { bodyLimitBytes: 64 * 1024, metrics: createMetrics({ processMetrics: false }) });
  // Middleware (app.use) is registered as method ALL; it serves nothing by itself.
  const registered = app.routes
    .filter((r) => r.method !== 'ALL')
    .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`);
  return [...new Set([...documented, ...registered])].sort();
}

type BodyContext = { world: MatrixWorld; caller: CallerLabel; target: string };
const tag = () => randomBytes(3).toString('hex');

/**
 * A valid body for each write, so a cell's answer is about who calls, never about the input. Admins act for
 * no side of a pair and must name one.
 */
const bodies: Record<string, (ctx: BodyContext) => unknown> = {
  'POST /v1/needs': () => sampleNeed(),
  'POST /v1/assist/need-intake': () => ({
    text: '我们是湖州一家电池企业，想找低温下容量衰减小的锂电池电解液配方，预算50万元，年底前完成。',
  }),
  'PATCH /v1/needs/{id}': () => ({ title: `矩阵测试改名的需求 ${tag()}` }),
  'POST /v1/achievements': () => sampleAchievement(),
  'PATCH /v1/achievements/{id}': () => ({ title: `矩阵测试改名的成果 ${tag()}` }),
  'POST /v1/suggestions/{id}/decision': () => ({ decision: 'accept' }),
  'POST /v1/suggestions/{id}/stage': () => ({ to: 'contacted' }),
  'POST /v1/suggestions/{id}/disclosure': ({ caller }) => ({
    note: '保密协议已签署',
    ...(caller === 'admin' ? { side: 'need' } : {}),
  }),
  'POST /v1/suggestions/{id}/disclosure/revoke': ({ caller }) => (caller === 'admin' ? { side: 'need' } : undefined),
  'POST /v1/platforms': () => ({
    kind: 'poc_centre',
    name: `矩阵测试概念验证中心-${tag()}`,
    pocType: 'comprehensive',
    level: 'municipal',
    pocPhases: [1, 2, 3],
    capacity: 5,
  }),
  'PATCH /v1/platforms/{id}': () => ({ capacity: 7 }),
  'POST /v1/suggestions/{id}/outcomes': () => ({
    kind: 'deal',
    mode: 'licence',
    amount: 10,
    paymentTerms: 'lump_sum',
    managerShare: 10,
  }),
  'POST /v1/organisations': () => ({ name: `矩阵测试机构-${tag()}`, kind: 'agency' }),
  'POST /v1/users': ({ world }) => ({
    orgId: world.admin.orgId,
    name: `矩阵测试用户-${tag()}`,
    role: 'manager',
    manager: { chains: ['ai'] },
  }),
  'POST /v1/users/{id}/keys': () => ({ name: `matrix-${tag()}` }),
  'POST /v1/webhooks': ({ world, target }) => ({
    url: `https://hooks.example.com/matrix-${tag()}`,
    events: ['suggestion.accepted'],
    ...(target === 'ent-org' ? { orgId: world.ent.orgId } : {}),
  }),
};

export const bodyFor = (routeKey: string, ctx: BodyContext): unknown => bodies[routeKey]?.(ctx);

/** Reads share one instance of each target; a write may change what it points at, so it gets its own. */
export const isWrite = (method: string) => method !== 'GET';
