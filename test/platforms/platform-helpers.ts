import { expect } from 'vitest';
import type { Persona } from '../support/factories.ts';
import type { Call } from '../support/http.ts';

export const pocCentreBody = (overrides: Record<string, unknown> = {}) => ({
  kind: 'poc_centre',
  name: `湖州市新材料概念验证中心-${Math.random().toString(36).slice(2, 7)}`,
  district: '吴兴区',
  city: '湖州市',
  pocType: 'specialised',
  level: 'municipal',
  fields: ['新材料'],
  chains: ['textile'],
  pocPhases: [1, 2, 3],
  capacity: 10,
  ...overrides,
});

export const pilotPlatformBody = (overrides: Record<string, unknown> = {}) => ({
  kind: 'pilot_platform',
  name: `长兴新能源中试基地-${Math.random().toString(36).slice(2, 7)}`,
  district: '长兴县',
  city: '湖州市',
  level: 'provincial',
  fields: ['环保'],
  chains: ['textile'],
  equipment: ['纳滤膜中试线'],
  processes: ['膜分离', '催化氧化'],
  batchScale: '百吨级/日',
  capacity: 4,
  ...overrides,
});

export async function registerPlatform(call: Call, admin: Persona, body: Record<string, unknown>) {
  const res = await call('POST', '/v1/platforms', { key: admin.key, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; kind: string; name: string };
}

/** A user of the platform's organisation with a key: the platform's own people. */
export async function platformUser(call: Call, admin: Persona, platformId: string): Promise<Persona> {
  const user = await call('POST', '/v1/users', {
    key: admin.key,
    body: { orgId: platformId, name: `平台用户-${Math.random().toString(36).slice(2, 7)}`, role: 'manager' },
  });
  expect(user.status, JSON.stringify(user.body)).toBe(201);
  const key = await call('POST', `/v1/users/${user.body.id}/keys`, { key: admin.key, body: { name: 'platform' } });
  expect(key.status).toBe(201);
  return { userId: user.body.id, orgId: platformId, role: 'manager', key: key.body.key, name: user.body.name };
}
