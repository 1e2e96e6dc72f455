import type { AppEnv } from '../env.ts';
import type { FormBody } from './form-body.ts';
import type { Session } from './session-store.ts';
import type { Texts } from './texts.ts';

/**
 * The API's context plus what the pages add: the words in the page's language, the signed-in session, and a
 * posted form (read once, by the CSRF check, before any handler).
 */
export type PageEnv = {
  Variables: AppEnv['Variables'] & { texts: Texts; session: Session; form: FormBody };
};
