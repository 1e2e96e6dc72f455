import type { Context } from 'hono';
import { DomainError } from '../../matching/core/errors.ts';
import { claimSuggestion } from '../../matching/queue/claim-suggestion.ts';
import { decideSuggestion } from '../../matching/queue/decide-suggestion.ts';
import { moveStage } from '../../matching/queue/move-stage.ts';
import { errorMessage, errorStatus } from './error-page.tsx';
import type { PageEnv } from './page-env.ts';
import { pairPage } from './pair-page.tsx';
import { unsafeFieldsError } from './unsafe-fields.ts';

/** Empty form fields are absent fields, so the verbs' own validation decides what is required. */
const optional = (value: string) => (value === '' ? undefined : value);

type Verb = (c: Context<PageEnv>, id: string) => Promise<unknown>;

/**
 * The pair forms call the very verbs the API routes call (claim, decision, stage), with the form's fields as
 * the verb's input; the verbs check roles, stages and input. Success goes back to the pair page (303, so a
 * reload does not post twice); a refused move shows the pair page again with the reason and the answer's status.
 */
const act = (verb: Verb) => async (c: Context<PageEnv>) => {
  const id = c.req.param('id') ?? '';
  try {
    const unsafe = unsafeFieldsError(c.get('form'));
    if (unsafe) throw unsafe;
    await verb(c, id);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const status = errorStatus(error);
    // A pair this manager may not see stays a 404 page, exactly as on GET.
    if (status !== 400 && status !== 409) throw error;
    return pairPage(c, { message: errorMessage(c, error), status });
  }
  return c.redirect(`/app/pairs/${id}`, 303);
};

export const claimAction = act((c, id) => claimSuggestion({ deps: c.get('deps'), actor: c.get('actor'), id }));

export const decisionAction = act((c, id) => {
  const form = c.get('form');
  const decision = form.text('decision');
  const input =
    decision === 'decline'
      ? { decision, reason: optional(form.text('reason')), note: optional(form.text('note')) }
      : { decision, note: optional(form.text('note')) };
  return decideSuggestion({ deps: c.get('deps'), actor: c.get('actor'), id, input });
});

export const stageAction = act((c, id) => {
  const form = c.get('form');
  const input = { to: form.text('to'), note: optional(form.text('note')) };
  return moveStage({ deps: c.get('deps'), actor: c.get('actor'), id, input });
});
