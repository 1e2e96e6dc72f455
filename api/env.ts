import type { Actor } from '../matching/core/actor.ts';
import type { Deps } from '../matching/core/deps.ts';
import type { Lang } from './i18n.ts';

export type AppEnv = {
  Variables: {
    deps: Deps;
    actor: Actor;
    requestId: string;
    lang: Lang;
  };
};
