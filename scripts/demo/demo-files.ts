import { z } from 'zod';
import { orgKinds, roles } from '../../schema/enums.ts';

/** Shapes of the demo JSON files; records link by `key`, not by database id. */
export const demoFiles = {
  organisation: z.object({
    key: z.string(),
    name: z.string(),
    kind: z.enum(orgKinds),
    district: z.string().nullable().optional(),
    city: z.string().nullable().optional(),
  }),
  user: z.object({ key: z.string(), org: z.string(), name: z.string(), email: z.string(), role: z.enum(roles) }),
  manager: z.object({
    user: z.string(),
    chains: z.array(z.string()),
    capacity: z.number().int(),
    isChief: z.boolean(),
    active: z.boolean(),
  }),
  /** Validated in full by the domain's create schemas; `chain` is the file's name for `chainId`. */
  need: z.object({ org: z.string(), chain: z.string().nullable().optional() }).loose(),
  achievement: z.object({ org: z.string(), chain: z.string().nullable().optional() }).loose(),
};
