import type { Actor } from '../core/actor.ts';
import { ForbiddenError } from '../core/errors.ts';

export function assertAdmin(actor: Actor): void {
  if (actor.role !== 'admin') throw new ForbiddenError('admin_only');
}
