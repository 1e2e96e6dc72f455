import type { Actor } from './actor.ts';
import type { Deps } from './deps.ts';

/** The argument shapes of domain verbs: `verbNoun({ deps, actor, ... })`. */
export type WithInput<I = unknown> = { deps: Deps; actor: Actor; input: I };
export type WithId = { deps: Deps; actor: Actor; id: string };
export type WithIdAndInput<I = unknown> = WithId & { input: I };
