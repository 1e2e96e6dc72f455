import { bigint, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The statistics projection (ADR 0011): tables derived from the event log only, brought up to date from it
 * at the start of each statistics request (matching/stats/catch-up.ts) and rebuildable from seq 0. Nothing
 * else writes them, so they cannot drift from the log; they exist so a request reads 100,000 small rows
 * instead of scanning a million events.
 */
export const statsCursor = pgTable('stats_cursor', {
  id: integer('id').primaryKey(),
  /** The last event seq applied; the next catch-up reads events after it. */
  seq: bigint('seq', { mode: 'number' }).notNull(),
});

/** One row per need the log has seen created: when it was posted, by whom, in which chain now. */
export const statsNeeds = pgTable(
  'stats_needs',
  {
    needId: uuid('need_id').primaryKey(),
    orgId: uuid('org_id'),
    chainId: text('chain_id'),
    postedAt: timestamp('posted_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('stats_needs_posted_idx').on(t.postedAt)],
);

/**
 * One row per pair: its dimensions and the first time it reached each step of the funnel. `furthest` is the
 * rank of the furthest step reached (see matching/stats/steps.ts); a step skipped on the way (PoC for a mature
 * technology) has no time but counts, because the funnel is cumulative.
 */
export const statsPairs = pgTable(
  'stats_pairs',
  {
    pairId: uuid('pair_id').primaryKey(),
    needId: uuid('need_id').notNull(),
    achievementId: uuid('achievement_id').notNull(),
    /** The achievement's organisation (the institution), as the suggestion event names the need's. */
    institutionId: uuid('institution_id'),
    modelVersion: text('model_version'),
    /** The manager holding the pair now: routed to, reassigned to, or who claimed it. */
    managerId: uuid('manager_id'),
    /** The first PoC centre or pilot platform an outcome names. */
    platformId: uuid('platform_id'),
    stage: text('stage').notNull(),
    furthest: integer('furthest').notNull().default(0),
    suggestedAt: timestamp('suggested_at', { withTimezone: true }).notNull(),
    routedAt: timestamp('routed_at', { withTimezone: true }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    pocStartedAt: timestamp('poc_started_at', { withTimezone: true }),
    pocPassedAt: timestamp('poc_passed_at', { withTimezone: true }),
    pilotStartedAt: timestamp('pilot_started_at', { withTimezone: true }),
    pilotPassedAt: timestamp('pilot_passed_at', { withTimezone: true }),
    dealAt: timestamp('deal_at', { withTimezone: true }),
    landedAt: timestamp('landed_at', { withTimezone: true }),
    incubatedAt: timestamp('incubated_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Unclaimed-SLA breaches (reassigned or reassign_failed) and undecided-SLA ones (escalated). */
    claimBreaches: integer('claim_breaches').notNull().default(0),
    decideBreaches: integer('decide_breaches').notNull().default(0),
  },
  (t) => [index('stats_pairs_need_idx').on(t.needId), index('stats_pairs_manager_idx').on(t.managerId)],
);
