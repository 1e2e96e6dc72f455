import { randomBytes } from 'node:crypto';
import { createApiKey } from '../../matching/admin/create-api-key.ts';
import { createUser } from '../../matching/admin/create-user.ts';
import type { Actor, Role } from '../../matching/core/actor.ts';
import type { Deps } from '../../matching/core/deps.ts';
import type { orgKinds } from '../../schema/enums.ts';
import { organisations } from '../../schema/organisations.ts';

type OrgKind = (typeof orgKinds)[number];
const defaultKind: Record<Role, OrgKind> = {
  enterprise: 'enterprise',
  institution: 'university',
  manager: 'agency',
  admin: 'agency',
};

export type Persona = Actor & { key: string; name: string };

/** A new organisation with one user of the role and a live API key: the smallest unit a test needs. */
export async function makePersona(deps: Deps, role: Role, orgName?: string): Promise<Persona> {
  const suffix = randomBytes(3).toString('hex');
  const [org] = await deps.db
    .insert(organisations)
    .values({ name: orgName ?? `测试机构-${suffix}`, kind: defaultKind[role], district: '吴兴区' })
    .returning();
  if (!org) throw new Error('no org');
  const user = await createUser({
    deps,
    actor: 'system',
    input: {
      orgId: org.id,
      name: `用户${suffix}`,
      role,
      ...(role === 'manager' ? { manager: { chains: ['ai'] } } : {}),
    },
  });
  const key = await createApiKey({ deps, actor: 'system', userId: user.id, input: {} });
  return { userId: user.id, orgId: org.id, role, key: key.key, name: user.name };
}

export const sampleNeed = (overrides: Record<string, unknown> = {}) => ({
  title: '纺织印染废水深度处理与回用',
  description:
    '我司印染车间日排废水约3000吨，COD在800mg/L左右，色度高，现有生化工艺出水难以稳定达标，希望寻求膜处理或高级氧化技术，回用率达到60%以上。',
  chainId: 'textile',
  keywords: ['印染废水', '膜处理', '回用'],
  trlMin: 5,
  trlMax: 8,
  budgetMin: 100,
  budgetMax: 300,
  deadline: '2027-06-30',
  cooperationModes: ['joint_development'],
  ...overrides,
});

export const sampleAchievement = (overrides: Record<string, unknown> = {}) => ({
  title: '高盐印染废水臭氧催化氧化耦合纳滤回用技术',
  abstract:
    '针对印染废水色度高、难降解有机物多的问题，开发了负载型锰铈催化剂的臭氧催化氧化工艺，与纳滤膜组合，COD去除率达85%，出水回用率超过65%，已在绍兴某印染企业完成千吨级示范。',
  chainId: 'textile',
  keywords: ['臭氧催化氧化', '纳滤', '印染废水'],
  patents: [{ number: 'ZL202110123456.7', title: '一种负载型臭氧催化剂', status: 'granted' }],
  ipStatus: 'granted',
  trl: 7,
  team: { lead: '王教授', members: ['李博士'] },
  transferModes: ['licence', 'joint_development'],
  priceMin: 80,
  priceMax: 200,
  ...overrides,
});
