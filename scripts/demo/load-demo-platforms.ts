import type { LogEvent } from '../../matching/core/event-log.ts';
import type { WriteScope } from '../../matching/core/write.ts';
import { createPlatformInput } from '../../matching/platforms/platform-input.ts';
import { organisations } from '../../schema/organisations.ts';
import { platforms } from '../../schema/platforms.ts';

type DemoOrg = { key: string; name: string; district?: string | null | undefined; city?: string | null | undefined };
type DemoPlatform = { key: string; org?: string | undefined } & Record<string, unknown>;

/**
 * The demo's PoC centres and pilot platforms, in the load's transaction: a catalogue for the set's own platform
 * organisations (`org`), and new organisations for the rest, each logged as the import process registering it.
 * Returns the platform keys' organisation ids, for the outcome histories.
 */
export async function loadDemoPlatforms(
  scope: WriteScope,
  entries: readonly DemoPlatform[],
  orgs: readonly DemoOrg[],
  orgIds: Map<string, string>,
  at: Date,
): Promise<Map<string, string>> {
  const { tx } = scope;
  const ids = new Map<string, string>();
  for (const { key, org: orgKey, ...catalogue } of entries) {
    const existing = orgKey ? orgs.find((o) => o.key === orgKey) : undefined;
    if (orgKey && !existing) throw new Error(`demo platform ${key} names unknown organisation ${orgKey}`);
    const { name, district, city, kind, ...rest } = createPlatformInput.parse({
      ...catalogue,
      ...(existing ? { name: existing.name, district: existing.district, city: existing.city } : {}),
    });
    let orgId = orgKey ? orgIds.get(orgKey) : undefined;
    if (!orgId) {
      const [row] = await tx
        .insert(organisations)
        .values({ name, kind, district: district ?? null, city: city ?? null, createdAt: at, updatedAt: at })
        .returning({ id: organisations.id });
      if (!row) throw new Error('organisation insert returned no row');
      orgId = row.id;
      scope.log(event(orgId, 'organisation.created', { kind, name }, at));
    }
    await tx.insert(platforms).values({ orgId, kind, ...rest, createdAt: at, updatedAt: at });
    const { level, pocPhases, chains, capacity } = { pocPhases: [], ...rest };
    scope.log(event(orgId, 'platform.registered', { kind, level, pocPhases, chains, capacity }, at));
    ids.set(key, orgId);
  }
  return ids;
}

const event = (orgId: string, type: string, data: Record<string, unknown>, at: Date): LogEvent => ({
  actor: 'system:import',
  subject: { kind: 'organisation', id: orgId },
  orgId,
  type,
  data,
  at,
});
