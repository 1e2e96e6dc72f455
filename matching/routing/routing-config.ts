import type { Deps } from '../core/deps.ts';

/** Routing settings, parsed once from the environment (scripts/config.ts) and passed in with the deps. */
export type RoutingConfig = {
  /** ROUTING_CHIEF_OVERFLOW: how far past capacity chiefs take overflow, as a share of their capacity. */
  chiefOverflow: number;
};

export const defaultRoutingConfig: RoutingConfig = { chiefOverflow: 0.2 };

export const routingConfigOf = (deps: Pick<Deps, 'routing'>): RoutingConfig => deps.routing ?? defaultRoutingConfig;
