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
  /** A platform's catalogue (validated by createPlatformInput); `org` attaches it to an organisation of the set. */
  platform: z.object({ key: z.string(), org: z.string().optional() }).loose(),
  /** One demo pair (needs.json / achievements.json by position) and what happened to it, step by step. */
  history: z.object({
    need: z.number().int().min(0),
    achievement: z.number().int().min(0),
    manager: z.string(),
    steps: z.array(z.object({ kind: z.string(), platform: z.string().optional() }).loose()).min(1),
  }),
};
