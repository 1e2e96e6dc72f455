import { z } from 'zod';
import { roles } from '../../schema/enums.ts';
import { pageInput } from '../core/pagination.ts';

const managerProfile = z.strictObject({
  chains: z.array(z.string().trim().min(1).max(64)).max(30).default([]),
  capacity: z.number().int().min(1).max(1000).default(20),
  isChief: z.boolean().default(false),
  active: z.boolean().default(true),
});

export const createUserInput = z.strictObject({
  orgId: z.uuid(),
  name: z.string().trim().min(1).max(100),
  email: z.email().nullable().optional(),
  role: z.enum(roles),
  /** Required in spirit for managers; defaults make a manager who covers nothing until chains are set. */
  manager: managerProfile.optional(),
});

export const listUsersInput = pageInput.extend({
  role: z.enum(roles).optional(),
  orgId: z.uuid().optional(),
});
