import { type Actor, isAdmin } from '../core/actor.ts';

/**
 * Who may manage an organisation's webhooks: the people who speak for it as a party — enterprise users for an
 * enterprise, institution users for a university or institute — and admins. A webhook receives that party's
 * copy of every notification, so a manager account created inside a university must not be able to add one.
 */
export const managesWebhooks = (actor: Actor) =>
  isAdmin(actor) || actor.role === 'enterprise' || actor.role === 'institution';
