import { ValidationError } from '../../matching/core/errors.ts';
import { unsafeTextIssue } from '../../matching/core/unsafe-text.ts';
import type { FormBody } from './form-body.ts';

/** The API refuses NUL and lone surrogates for every route (reject-unsafe-text.ts); forms get the same 400. */
export const unsafeFieldsError = (form: FormBody) =>
  form.unsafe.length > 0
    ? new ValidationError(form.unsafe.map((field) => ({ field, issue: unsafeTextIssue })))
    : undefined;
