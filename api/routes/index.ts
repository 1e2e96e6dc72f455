import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { registerCreateAchievement } from './achievements-create.ts';
import { registerGetAchievement } from './achievements-get.ts';
import { registerListAchievements } from './achievements-list.ts';
import { registerUpdateAchievement } from './achievements-update.ts';
import { registerWithdrawAchievement } from './achievements-withdraw.ts';
import { registerListJobs } from './admin-jobs.ts';
import { registerAssistExplain } from './assist-explain.ts';
import { registerNeedIntake } from './assist-need-intake.ts';
import { registerListChains } from './chains-list.ts';
import { registerCreateKey } from './keys-create.ts';
import { registerRevokeKey } from './keys-revoke.ts';
import { registerGetMe } from './me-get.ts';
import { registerCreateNeed } from './needs-create.ts';
import { registerGetNeed } from './needs-get.ts';
import { registerListNeeds } from './needs-list.ts';
import { registerUpdateNeed } from './needs-update.ts';
import { registerWithdrawNeed } from './needs-withdraw.ts';
import { registerListNotifications } from './notifications-list.ts';
import { registerReadNotification } from './notifications-read.ts';
import { registerReadAllNotifications } from './notifications-read-all.ts';
import { registerCreateOrganisation } from './organisations-create.ts';
import { registerListOrganisations } from './organisations-list.ts';
import { registerListAchievementPairs } from './party-achievement-pairs.ts';
import { registerListNeedSuggestions } from './party-need-suggestions.ts';
import { registerCreatePlatform } from './platforms-create.ts';
import { registerGetPlatform } from './platforms-get.ts';
import { registerListPlatforms } from './platforms-list.ts';
import { registerListPlatformPairs } from './platforms-pairs.ts';
import { registerUpdatePlatform } from './platforms-update.ts';
import { registerListQueue } from './queue-list.ts';
import { registerListUnrouted } from './queue-unrouted.ts';
import { registerStatsBreakdown } from './stats-breakdown.ts';
import { registerStatsDurations } from './stats-durations.ts';
import { registerStatsFunnel } from './stats-funnel.ts';
import { registerStatsSeries } from './stats-series.ts';
import { registerStatsTargets } from './stats-targets.ts';
import { registerClaimSuggestion } from './suggestions-claim.ts';
import { registerDecideSuggestion } from './suggestions-decide.ts';
import { registerDisclosePair } from './suggestions-disclose.ts';
import { registerRevokePairDisclosure } from './suggestions-disclose-revoke.ts';
import { registerListSuggestionEvents } from './suggestions-events.ts';
import { registerListSuggestions } from './suggestions-list.ts';
import { registerRecordOutcome } from './suggestions-outcomes-create.ts';
import { registerListOutcomes } from './suggestions-outcomes-list.ts';
import { registerMoveStage } from './suggestions-stage.ts';
import { registerCreateUser } from './users-create.ts';
import { registerListUsers } from './users-list.ts';
import { registerCreateWebhook } from './webhooks-create.ts';
import { registerDisableWebhook } from './webhooks-disable.ts';
import { registerListWebhooks } from './webhooks-list.ts';

/** Every authenticated /v1 operation; each file holds one route and its handler. */
export const v1Routes = [
  registerGetMe,
  registerListChains,
  registerCreateNeed,
  registerListNeeds,
  registerGetNeed,
  registerUpdateNeed,
  registerWithdrawNeed,
  registerNeedIntake,
  registerCreateAchievement,
  registerListAchievements,
  registerGetAchievement,
  registerUpdateAchievement,
  registerWithdrawAchievement,
  registerCreateOrganisation,
  registerListOrganisations,
  registerCreateUser,
  registerListUsers,
  registerCreateKey,
  registerRevokeKey,
  registerListNotifications,
  registerReadNotification,
  registerReadAllNotifications,
  registerCreateWebhook,
  registerListWebhooks,
  registerDisableWebhook,
  registerListJobs,
  registerListQueue,
  registerListUnrouted,
  registerListSuggestions,
  registerClaimSuggestion,
  registerDecideSuggestion,
  registerMoveStage,
  registerListSuggestionEvents,
  registerAssistExplain,
  registerListNeedSuggestions,
  registerListAchievementPairs,
  registerDisclosePair,
  registerRevokePairDisclosure,
  registerCreatePlatform,
  registerListPlatforms,
  registerGetPlatform,
  registerUpdatePlatform,
  registerListPlatformPairs,
  registerRecordOutcome,
  registerListOutcomes,
  registerStatsFunnel,
  registerStatsDurations,
  registerStatsBreakdown,
  registerStatsSeries,
  registerStatsTargets,
] satisfies ((app: OpenAPIHono<AppEnv>) => void)[];
