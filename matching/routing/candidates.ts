import { arrayContains, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../schema/db.ts';
import { managers } from '../../schema/managers.ts';
import { suggestions } from '../../schema/suggestions.ts';
import { users } from '../../schema/users.ts';
import { workingStages } from '../queue/stage-machine.ts';
import type { Candidate } from './choose-manager.ts';

/**
 * The managers covering `chain`, with their current load. Their rows are locked `for update` first, in user-id
 * order, so two route jobs for the same chain take turns: the second counts loads only after the first has
 * committed its assignment, and a consistent lock order cannot deadlock. (PGlite has one connection, so
 * transactions already run one at a time there.)
 */
export async function loadCandidates(tx: Db, chain: string): Promise<Candidate[]> {
  const locked = await tx
    .select({ userId: managers.userId })
    .from(managers)
    .where(arrayContains(managers.chains, [chain]))
    .orderBy(asc(managers.userId))
    .for('update');
  return loadProfiles(
    tx,
    locked.map((row) => row.userId),
  );
}

/** One manager as a candidate (a need's manager whom a later pair joins), without locking: joining adds no load. */
export async function loadManager(tx: Db, userId: string): Promise<Candidate | undefined> {
  const [profile] = await loadProfiles(tx, [userId]);
  return profile;
}

async function loadProfiles(tx: Db, ids: string[]): Promise<Candidate[]> {
  if (ids.length === 0) return [];
  // One after the other: both run on the transaction's single connection anyway.
  const profiles = await tx
    .select({
      userId: managers.userId,
      orgId: users.orgId,
      capacity: managers.capacity,
      isChief: managers.isChief,
      active: managers.active,
    })
    .from(managers)
    .innerJoin(users, eq(users.id, managers.userId))
    .where(inArray(managers.userId, ids));
  const loads = await tx
    .select({
      managerId: suggestions.managerId,
      // Needs, not pairs: see Candidate.load.
      load: sql<number>`count(distinct ${suggestions.needId}) filter (where ${inArray(suggestions.stage, [...workingStages])})`.mapWith(
        Number,
      ),
      total: count(),
    })
    .from(suggestions)
    .where(inArray(suggestions.managerId, ids))
    .groupBy(suggestions.managerId);
  const loadOf = new Map(loads.map((row) => [row.managerId, row]));
  return profiles.map((p) => ({
    ...p,
    // A capacity below one would make every ratio infinite or NaN; the input schema forbids it anyway.
    capacity: Math.max(1, p.capacity),
    load: loadOf.get(p.userId)?.load ?? 0,
    total: loadOf.get(p.userId)?.total ?? 0,
  }));
}
