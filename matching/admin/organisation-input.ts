import { z } from 'zod';
import { orgKinds } from '../../schema/enums.ts';
import { pageInput } from '../core/pagination.ts';

export const createOrganisationInput = z.strictObject({
  name: z.string().trim().min(2).max(200),
  kind: z.enum(orgKinds),
  district: z.string().trim().min(1).max(50).nullable().optional(),
  city: z.string().trim().min(1).max(50).nullable().optional(),
  creditCode: z
    .string()
    .trim()
    .regex(/^[0-9A-HJ-NPQRTUWXY]{18}$/)
    .nullable()
    .optional(),
});

export const listOrganisationsInput = pageInput.extend({
  kind: z.enum(orgKinds).optional(),
  district: z.string().trim().max(50).optional(),
  q: z.string().trim().max(100).optional(),
});
