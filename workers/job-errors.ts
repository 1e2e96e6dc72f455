import { ZodError } from 'zod';
import { ConflictError, DomainError } from '../matching/core/errors.ts';

export class JobTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms`);
    this.name = 'JobTimeoutError';
  }
}

export class UnknownJobError extends Error {
  constructor(readonly job: string) {
    super(`no processor for job ${job}`);
    this.name = 'UnknownJobError';
  }
}

/**
 * Bad data never gets better by retrying: an invalid payload, a record that is gone, a rule the data breaks.
 * A conflict is the exception, because a concurrent writer may be done by the next attempt.
 */
export function isPermanent(error: unknown): boolean {
  if (error instanceof ZodError || error instanceof UnknownJobError) return true;
  return error instanceof DomainError && !(error instanceof ConflictError);
}

/**
 * What is stored in `outbox.last_error` and shown to admins. Domain errors and our own carry messages we wrote
 * (codes and field names, never user text); any other error's message may quote data (a driver echoing a
 * confidential value, a URL with a token), so only its class and code are kept. Full errors go to the log.
 */
export function errorSummary(error: unknown): string {
  if (error instanceof ZodError) {
    const fields = error.issues.map((issue) => `${issue.path.join('.') || '(payload)'} ${issue.code}`);
    return `PayloadError: ${fields.join('; ')}`.slice(0, 500);
  }
  if (error instanceof DomainError) return `${error.name} ${error.code}: ${error.message}`.slice(0, 500);
  if (error instanceof JobTimeoutError || error instanceof UnknownJobError) return `${error.name}: ${error.message}`;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' || typeof code === 'number' ? `${error.name} ${code}` : error.name;
  }
  return typeof error;
}
