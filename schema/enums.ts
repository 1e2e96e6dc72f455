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

/** 概念验证中心 and 中试平台: the two kinds of platform a pair's PoC runs and pilots are done at. */
export const platformKinds = ['poc_centre', 'pilot_platform'] as const;
export const platformKind = pgEnum('platform_kind', platformKinds);

/** A PoC centre is comprehensive (综合类, any field) or specialised (专业类, its fields only). */
export const pocCentreTypes = ['comprehensive', 'specialised'] as const;
export const pocCentreType = pgEnum('poc_centre_type', pocCentreTypes);

/** Who recognised the platform: 国家级 / 省级 / 市级. */
export const platformLevels = ['national', 'provincial', 'municipal'] as const;
export const platformLevel = pgEnum('platform_level', platformLevels);

/**
 * What can happen to an accepted pair, as data: a PoC phase started and its result, a pilot started and its
 * result, the deal, and the landing (产业化 in an enterprise, or 孵化 of a new one).
 */
export const outcomeKinds = [
  'poc_started',
  'poc_result',
  'pilot_started',
  'pilot_result',
  'deal',
  'landed',
  'incubated',
] as const;
export const outcomeKind = pgEnum('outcome_kind', outcomeKinds);

export const outcomeResults = ['passed', 'failed', 'inconclusive'] as const;
export const outcomeResult = pgEnum('outcome_result', outcomeResults);

/**
 * Why a PoC phase or a pilot did not pass. Grouped (matching/outcomes/reason-codes.ts) into technical,
 * commercial and other, which the learning issue maps to labels.
 */
export const outcomeReasons = [
  'technical_infeasible',
  'performance_below_target',
  'process_not_scalable',
  'price_too_high',
  'market_unproven',
  'commercial_terms',
  'ip_unclear',
  'party_withdrew',
  'other',
] as const;
export const outcomeReason = pgEnum('outcome_reason', outcomeReasons);
