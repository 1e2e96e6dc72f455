/**
 * The one error hierarchy. Domain code throws these with a stable `code`; `api/` maps each code to an HTTP
 * status and a localised message once (api/problem.ts). Anything else is an unknown error: logged, never shown.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthorized'
  | 'invalid_transition'
  | 'precondition_failed';

/** One bad field: `field` is a dotted path into the input, `issue` a stable code, `params` fill the message. */
export type FieldIssue = {
  field: string;
  issue: string;
  params?: Record<string, string | number> | undefined;
};

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationError extends DomainError {
  constructor(readonly fields: FieldIssue[]) {
    super('validation_failed', `invalid: ${fields.map((f) => f.field).join(', ')}`);
  }
}

export class NotFoundError extends DomainError {
  constructor(resource: string) {
    super('not_found', `${resource} not found`, { resource });
  }
}

export class ForbiddenError extends DomainError {
  constructor(reason: string) {
    super('forbidden', reason, { reason });
  }
}

export class ConflictError extends DomainError {
  constructor(reason: string, params: Record<string, string | number> = {}) {
    super('conflict', reason, { reason, ...params });
  }
}

/** A conditional write (`If-Match`) found the record at another version than the caller read. */
export class PreconditionFailedError extends DomainError {
  constructor(reason: string) {
    super('precondition_failed', reason, { reason });
  }
}
