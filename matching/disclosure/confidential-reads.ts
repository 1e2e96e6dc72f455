import type { Actor } from '../core/actor.ts';
import type { Deps } from '../core/deps.ts';
import { userActor } from '../core/event-log.ts';
import { write } from '../core/write.ts';
import type { Confidentiality, DisclosureLevel } from './levels.ts';
import { widest } from './levels.ts';

/** One record served to someone, at the level they were shown it. */
export type RecordRead = {
  kind: 'need' | 'achievement';
  id: string;
  orgId: string;
  confidentiality: Confidentiality;
  level: DisclosureLevel;
};

/**
 * The reads the audit trail keeps: a confidential record served to anyone outside its owner organisation
 * (an admin, the pair's manager, a chief browsing, a counterpart), once per record per request at the widest
 * level shown. Owners reading their own records and reads of public or desensitised records are not logged.
 */
export function confidentialReads(actor: Actor, reads: readonly RecordRead[]): RecordRead[] {
  const kept = new Map<string, RecordRead>();
  for (const read of reads) {
    if (read.confidentiality !== 'confidential' || read.orgId === actor.orgId) continue;
    const key = `${read.kind}:${read.id}`;
    const seen = kept.get(key);
    kept.set(key, seen ? { ...read, level: widest(seen.level, read.level) } : read);
  }
  return [...kept.values()];
}

/**
 * Logs those reads (`need.read` / `achievement.read`, with the level shown and the surface that showed it) in
 * a transaction of their own after the read: a read is served only if its audit entry committed, so a failure
 * to log fails the request rather than leaving a confidential read untraced.
 */
export async function logConfidentialReads(
  deps: Pick<Deps, 'db' | 'workRecorded' | 'clock'>,
  actor: Actor,
  reads: readonly RecordRead[],
  via: string,
): Promise<void> {
  const logged = confidentialReads(actor, reads);
  if (logged.length === 0) return;
  const at = deps.clock.now();
  await write(deps, async ({ log }) => {
    for (const read of logged) {
      log({
        actor: userActor(actor),
        subject: { kind: read.kind, id: read.id },
        orgId: read.orgId,
        type: `${read.kind}.read`,
        data: { level: read.level, via },
        at,
      });
    }
  });
}
