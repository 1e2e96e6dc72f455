import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { type Candidate, chooseManager } from '../../matching/routing/choose-manager.ts';
import { defaultRoutingConfig } from '../../matching/routing/routing-config.ts';
import { demoFiles } from '../../scripts/demo/demo-files.ts';

const demo = <T extends z.ZodType>(file: string, schema: T) =>
  z.array(schema).parse(JSON.parse(readFileSync(new URL(`../../schema/seed/demo/${file}`, import.meta.url), 'utf8')));

/**
 * The demo must leave its managers room to work: routed by the real rule, one need at a time (capacity counts
 * needs), every demo need lands on a regular pick with nobody past three quarters of their capacity, so a
 * new user's needs still find a manager instead of piling onto a chief.
 */
describe('demo data', () => {
  it('routes every demo need with no manager past 75% of capacity and no chief fallback', () => {
    const managers = demo('managers.json', demoFiles.manager);
    const needs = demo('needs.json', demoFiles.need);
    const load = new Map(managers.map((m) => [m.user, 0]));
    const hows = new Set<string>();
    for (const need of needs) {
      const candidates: Candidate[] = managers
        .filter((m) => need.chain && m.chains.includes(need.chain))
        .map((m) => ({ ...m, userId: m.user, orgId: 'agency', load: load.get(m.user) ?? 0, total: 0 }));
      const choice = chooseManager(candidates, { partyOrgIds: [], ...defaultRoutingConfig });
      hows.add(choice.how);
      if (choice.chosen) load.set(choice.chosen, (load.get(choice.chosen) ?? 0) + 1);
    }
    expect([...hows]).toEqual(['least_loaded']);
    const peak = Math.max(...managers.map((m) => (load.get(m.user) ?? 0) / m.capacity));
    expect(peak).toBeLessThanOrEqual(0.75);
  });
});
