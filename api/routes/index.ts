import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../env.ts';
import { registerCreateAchievement } from './achievements-create.ts';
import { registerGetAchievement } from './achievements-get.ts';
import { registerListAchievements } from './achievements-list.ts';
import { registerUpdateAchievement } from './achievements-update.ts';
import { registerWithdrawAchievement } from './achievements-withdraw.ts';
import { registerListChains } from './chains-list.ts';
import { registerCreateKey } from './keys-create.ts';
import { registerRevokeKey } from './keys-revoke.ts';
import { registerGetMe } from './me-get.ts';
import { registerCreateNeed } from './needs-create.ts';
import { registerGetNeed } from './needs-get.ts';
import { registerListNeeds } from './needs-list.ts';
import { registerUpdateNeed } from './needs-update.ts';
import { registerWithdrawNeed } from './needs-withdraw.ts';
import { registerCreateOrganisation } from './organisations-create.ts';
import { registerListOrganisations } from './organisations-list.ts';
import { registerCreateUser } from './users-create.ts';
import { registerListUsers } from './users-list.ts';

/** Every authenticated /v1 operation; each file holds one route and its handler. */
export const v1Routes = [
  registerGetMe,
  registerListChains,
  registerCreateNeed,
  registerListNeeds,
  registerGetNeed,
  registerUpdateNeed,
  registerWithdrawNeed,
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
] satisfies ((app: OpenAPIHono<AppEnv>) => void)[];
