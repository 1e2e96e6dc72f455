import { pgEnum } from 'drizzle-orm/pg-core';

export const orgKinds = ['enterprise', 'university', 'institute', 'poc_centre', 'pilot_platform', 'agency'] as const;
export const orgKind = pgEnum('org_kind', orgKinds);

export const roles = ['enterprise', 'institution', 'manager', 'admin'] as const;
export const role = pgEnum('user_role', roles);

/** 公开 / 脱敏 / 保密 — see the glossary in the brief. */
export const confidentialityLevels = ['public', 'desensitised', 'confidential'] as const;
export const confidentiality = pgEnum('confidentiality', confidentialityLevels);

export const needStatuses = ['open', 'matching', 'in_progress', 'solved', 'withdrawn', 'closed'] as const;
export const needStatus = pgEnum('need_status', needStatuses);

export const achievementStatuses = ['published', 'transferred', 'withdrawn'] as const;
export const achievementStatus = pgEnum('achievement_status', achievementStatuses);

/** Deal kinds from the glossary; shared by needs (wanted) and achievements (offered). */
export const cooperationModes = [
  'transfer',
  'licence',
  'equity',
  'joint_development',
  'commissioned_development',
  'use_first_pay_later',
] as const;

export const ipStatuses = ['granted', 'pending', 'none', 'unclear'] as const;
export const ipStatus = pgEnum('ip_status', ipStatuses);

export const chainTiers = ['lead', 'featured', 'emerging', 'future', 'other'] as const;
export const chainTier = pgEnum('chain_tier', chainTiers);

/**
 * A suggested pair's life: the engine proposes, routing assigns, a manager claims and decides, accepted pairs
 * move through the conversion chain. Failure and withdrawal are exits from any working stage.
 */
export const suggestionStages = [
  'suggested',
  'routed',
  'claimed',
  'accepted',
  'declined',
  'contacted',
  'poc',
  'pilot',
  'deal',
  'landed',
  'failed',
  'withdrawn',
] as const;
export const suggestionStage = pgEnum('suggestion_stage', suggestionStages);

/** Decline reason codes from the brief; a free-text note goes with them. */
export const declineReasons = [
  'not_relevant',
  'too_early_stage',
  'ip_unclear',
  'price',
  'capability_gap',
  'already_solved',
  'description_unclear',
  'commercial_route_unclear',
  'other',
] as const;
export const declineReason = pgEnum('decline_reason', declineReasons);

export const outboxStatuses = ['pending', 'dispatched', 'done', 'failed'] as const;
export const outboxStatus = pgEnum('outbox_status', outboxStatuses);
