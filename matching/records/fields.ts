import { z } from 'zod';
import { confidentialityLevels, cooperationModes } from '../../schema/enums.ts';
import { chainSources } from './chain-choice.ts';

/** Field shapes shared by needs and achievements, so both validate the same way. */
export const titleField = z.string().trim().min(2).max(200);
export const longTextField = z.string().trim().min(10).max(20000);
export const keywordsField = z.array(z.string().trim().min(1).max(50)).max(50);
export const chainField = z.string().trim().min(1).max(64).nullable();
export const trlField = z.number().int().min(1).max(9).nullable();
/** Money in 万元 (10,000 CNY). */
export const moneyField = z.number().min(0).max(10_000_000).nullable();
export const modesField = z.array(z.enum(cooperationModes)).max(cooperationModes.length);
export const confidentialityField = z.enum(confidentialityLevels);

export const listFilterBase = z.object({
  /** The stored chain, whoever set it (the owner or the classifier). */
  chain: z.string().max(64).optional(),
  /** Who set the chain: `user` (the owner chose it) or `classified` (the ingest step's classifier did). */
  chainSource: z.enum(chainSources).optional(),
  confidentiality: confidentialityField.optional(),
  /** Substring of the title, for people scanning their own list. */
  q: z.string().trim().max(100).optional(),
  orgId: z.uuid().optional(),
});
