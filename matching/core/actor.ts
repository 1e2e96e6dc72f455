import type { roles } from '../../schema/enums.ts';

export type Role = (typeof roles)[number];

/** Who is calling: resolved from an API key by the transport, trusted by the domain. */
export type Actor = {
  userId: string;
  orgId: string;
  role: Role;
};

export const isAdmin = (actor: Actor) => actor.role === 'admin';
