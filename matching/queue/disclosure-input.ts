import { z } from 'zod';

/** Parties disclose their own side; admins, who own neither, say which side they act for. */
export const grantDisclosureInput = z.strictObject({
  side: z.enum(['need', 'achievement']).optional(),
  /** Why, e.g. "保密协议已签署 2026-12-01": kept with the grant for the owner's own records. */
  note: z.string().trim().min(1).max(500).optional(),
});
export const revokeDisclosureInput = grantDisclosureInput.pick({ side: true });

export type GrantDisclosureInput = z.input<typeof grantDisclosureInput>;
export type RevokeDisclosureInput = z.input<typeof revokeDisclosureInput>;
