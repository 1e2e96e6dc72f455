import { z } from 'zod';
import { needStatuses } from '../../schema/enums.ts';
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

/** Fields an enterprise may hide even from callers allowed to see the need. */
export const needPrivatableFields = [
  'description',
  'keywords',
  'budgetMin',
  'budgetMax',
  'deadline',
  'trlMin',
  'trlMax',
  'cooperationModes',
] as const;

const needFields = {
  title: titleField,
  description: longTextField,
  chainId: chainField,
  keywords: keywordsField,
  trlMin: trlField,
  trlMax: trlField,
  budgetMin: moneyField,
  budgetMax: moneyField,
  deadline: z.iso.date().nullable(),
  cooperationModes: modesField,
  confidentiality: confidentialityField,
  privateFields: z.array(z.enum(needPrivatableFields)),
};

export const createNeedInput = z.strictObject({
  ...needFields,
  chainId: needFields.chainId.optional(),
  keywords: needFields.keywords.default([]),
  trlMin: needFields.trlMin.optional(),
  trlMax: needFields.trlMax.optional(),
  budgetMin: needFields.budgetMin.optional(),
  budgetMax: needFields.budgetMax.optional(),
  deadline: needFields.deadline.optional(),
  cooperationModes: needFields.cooperationModes.default([]),
  confidentiality: needFields.confidentiality.default('public'),
  privateFields: needFields.privateFields.default([]),
});

export const updateNeedInput = z.strictObject(needFields).partial();

/** The match job's verdict on a need (needs.match_state). */
export const matchStates = ['matched', 'no_match_yet'] as const;

export const listNeedsInput = pageInput.extend(listFilterBase.shape).extend({
  status: z.enum(needStatuses).optional(),
  /** Owner and admins only, like the field itself: `no_match_yet` lists needs waiting for a fitting achievement. */
  matchState: z.enum(matchStates).optional(),
});

export type CreateNeedInput = z.input<typeof createNeedInput>;
export type UpdateNeedInput = z.input<typeof updateNeedInput>;
export type ListNeedsInput = z.input<typeof listNeedsInput>;
