import { createApiKey } from '../../matching/admin/create-api-key.ts';
import { createUser } from '../../matching/admin/create-user.ts';
import type { Deps } from '../../matching/core/deps.ts';
import { organisations } from '../../schema/organisations.ts';
import type { ManagerSpec } from './load-data.ts';
import type { ManagerPersona } from './load-types.ts';
import { makeParties } from './pipeline-setup.ts';

/**
 * The enterprise that posts (pipeline-setup's makeParties, with no managers of its own) and one manager
 * persona per spec, each in an agency of their own and with a live API key. Capacity is the largest the input
 * schema allows: thousands of pairs arrive in a minute, and the bench is about the pipeline, not about
 * routing falling back to chiefs once everyone is full.
 */
export async function makeLoadParties(
  deps: Deps,
  specs: readonly ManagerSpec[],
): Promise<{ enterpriseKey: string; managers: ManagerPersona[] }> {
  const { enterpriseKey } = await makeParties(deps, 0);
  const managers: ManagerPersona[] = [];
  for (const spec of specs) {
    const [agency] = await deps.db
      .insert(organisations)
      .values({ name: `${spec.name}所在技术转移中心`, kind: 'agency' })
      .returning({ id: organisations.id });
    if (!agency) throw new Error('could not create an agency for a load manager');
    const user = await createUser({
      deps,
      actor: 'system',
      input: {
        orgId: agency.id,
        name: spec.name,
        role: 'manager',
        manager: { chains: spec.chains, capacity: 1000, isChief: spec.isChief },
      },
    });
    const { key } = await createApiKey({ deps, actor: 'system', userId: user.id, input: {} });
    managers.push({ userId: user.id, key, name: spec.name, isChief: spec.isChief });
  }
  return { enterpriseKey, managers };
}
