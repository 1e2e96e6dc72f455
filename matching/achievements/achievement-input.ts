import { z } from 'zod';
import { achievementStatuses, ipStatuses } from '../../schema/enums.ts';
import { pageInput } from '../core/pagination.ts';
import {
  chainField,
  confidentialityField,
  keywordsField,
  listFilterBase,
  longTextField,
  modesField,
  moneyField,
  titleField,
  trlField,
} from '../records/fields.ts';

const patentField = z.strictObject({
  number: z.string().trim().min(4).max(40),
  title: z.string().trim().max(200).optional(),
  status: z.string().trim().max(40).optional(),
});

const achievementFields = {
  title: titleField,
  abstract: longTextField,
  chainId: chainField,
  keywords: keywordsField,
  patents: z.array(patentField).max(100),
  ipStatus: z.enum(ipStatuses),
  trl: trlField,
  team: z.strictObject({
    lead: z.string().trim().max(100).optional(),
    members: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
  }),
  transferModes: modesField,
  priceMin: moneyField,
  priceMax: moneyField,
  confidentiality: confidentialityField,
};

export const createAchievementInput = z.strictObject({
  ...achievementFields,
  chainId: achievementFields.chainId.optional(),
  keywords: achievementFields.keywords.default([]),
  patents: achievementFields.patents.default([]),
  ipStatus: achievementFields.ipStatus.default('unclear'),
  trl: achievementFields.trl.optional(),
  team: achievementFields.team.default({}),
  transferModes: achievementFields.transferModes.default([]),
  priceMin: achievementFields.priceMin.optional(),
  priceMax: achievementFields.priceMax.optional(),
  confidentiality: achievementFields.confidentiality.default('public'),
});

export const updateAchievementInput = z.strictObject(achievementFields).partial();

export const listAchievementsInput = pageInput.extend(listFilterBase.shape).extend({
  status: z.enum(achievementStatuses).optional(),
});

export type CreateAchievementInput = z.input<typeof createAchievementInput>;
export type UpdateAchievementInput = z.input<typeof updateAchievementInput>;
export type ListAchievementsInput = z.input<typeof listAchievementsInput>;
