import { describe, expect, it } from 'vitest';
import { allowedMoves, canMove, transitions } from '../../matching/queue/stage-machine.ts';
import { type Candidate, chooseChief, chooseManager } from '../../matching/routing/choose-manager.ts';

const manager = (userId: string, over: Partial<Candidate> = {}): Candidate => ({
  userId,
  orgId: `org-${userId}`,
  capacity: 10,
  isChief: false,
  active: true,
  load: 0,
  total: 0,
  ...over,
});
const parties = { partyOrgIds: ['org-ent', 'org-inst'], chiefOverflow: 0.2 };

describe('chooseManager', () => {
  it('picks the lowest load relative to capacity, not the lowest absolute load', () => {
    const choice = chooseManager(
      [manager('a', { load: 2, capacity: 4 }), manager('b', { load: 3, capacity: 10 })],
      parties,
    );
    expect(choice).toMatchObject({ chosen: 'b', how: 'least_loaded' });
  });

  it('breaks ties by fewer pairs ever assigned, then by user id, so reruns agree', () => {
    expect(chooseManager([manager('a', { total: 9 }), manager('b', { total: 3 })], parties).chosen).toBe('b');
    expect(chooseManager([manager('b'), manager('a')], parties).chosen).toBe('a');
  });

  it('excludes inactive, full and conflicted managers and says why', () => {
    const choice = chooseManager(
      [
        manager('off', { active: false }),
        manager('full', { load: 10 }),
        manager('own', { orgId: 'org-inst' }),
        manager('ok', { load: 9 }),
      ],
      parties,
    );
    expect(choice.chosen).toBe('ok');
    expect(Object.fromEntries(choice.candidates.map((c) => [c.userId, c.excluded]))).toEqual({
      off: 'inactive',
      full: 'at_capacity',
      own: 'conflict_of_interest',
      ok: null,
    });
  });

  it('falls back to the chief past capacity within the allowance, never to a conflicted or inactive chief', () => {
    const full = manager('m', { load: 10 });
    // Capacity 10 and a 20% allowance: the chief takes up to 12 needs, the 13th waits.
    expect(chooseManager([full, manager('chief', { isChief: true, load: 11 })], parties)).toMatchObject({
      chosen: 'chief',
      how: 'chief_fallback',
    });
    const overflowing = chooseManager([full, manager('chief', { isChief: true, load: 12 })], parties);
    expect(overflowing).toMatchObject({ chosen: null, how: 'over_capacity' });
    expect(overflowing.candidates.find((c) => c.userId === 'chief')?.excluded).toBe('over_allowance');
    // No allowance: a full chief takes nothing more; a tiny capacity still gets one need of slack.
    const strict = { ...parties, chiefOverflow: 0 };
    expect(chooseManager([full, manager('chief', { isChief: true, load: 10 })], strict).how).toBe('over_capacity');
    const small = manager('chief', { isChief: true, load: 1, capacity: 1 });
    expect(chooseManager([full, small], parties).chosen).toBe('chief');
    const conflicted = manager('chief', { isChief: true, load: 10, orgId: 'org-ent' });
    expect(chooseManager([full, conflicted], parties)).toMatchObject({ chosen: null, how: 'no_eligible_manager' });
    const inactive = manager('chief', { isChief: true, load: 10, active: false });
    expect(chooseManager([full, inactive], parties).chosen).toBeNull();
    expect(chooseManager([], parties)).toMatchObject({ chosen: null, how: 'no_eligible_manager', candidates: [] });
  });

  it('never hands a reassigned pair back to its current manager', () => {
    const choice = chooseManager([manager('a'), manager('b', { load: 5 })], { ...parties, excludeUserIds: ['a'] });
    expect(choice.chosen).toBe('b');
    expect(choice.candidates.find((c) => c.userId === 'a')?.excluded).toBe('current_manager');
    expect(chooseChief([manager('a', { isChief: true })], { ...parties, excludeUserIds: ['a'] })).toBeUndefined();
  });
});

describe('stage machine', () => {
  it('runs accepted → contacted → poc → pilot → deal → landed, with PoC and pilot optional', () => {
    const path = ['accepted', 'contacted', 'poc', 'pilot', 'deal', 'landed'] as const;
    for (let i = 1; i < path.length; i++) expect(canMove(path[i - 1] ?? 'accepted', path[i] ?? 'landed')).toBe(true);
    expect(canMove('contacted', 'deal')).toBe(true);
    expect(canMove('poc', 'deal')).toBe(true);
  });

  it('never goes backwards or skips contact, and lets failure and withdrawal leave every working stage', () => {
    expect(canMove('pilot', 'poc')).toBe(false);
    expect(canMove('accepted', 'poc')).toBe(false);
    expect(canMove('deal', 'contacted')).toBe(false);
    for (const stage of ['accepted', 'contacted', 'poc', 'pilot', 'deal'] as const) {
      expect(allowedMoves(stage)).toEqual(expect.arrayContaining(['failed', 'withdrawn']));
    }
    for (const final of ['landed', 'declined', 'failed', 'withdrawn'] as const) expect(transitions[final]).toEqual([]);
  });
});
