import type { z } from 'zod';
import { type FieldIssue, ValidationError } from './errors.ts';

/** zod issues become field issues with stable codes, so the API can word them in the caller's language. */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => {
    const field = issue.path.map(String).join('.') || '(body)';
    const params: Record<string, string | number> = {};
    if ('minimum' in issue) params.minimum = Number(issue.minimum);
    if ('maximum' in issue) params.maximum = Number(issue.maximum);
    if ('expected' in issue && typeof issue.expected === 'string') params.expected = issue.expected;
    if ('format' in issue && typeof issue.format === 'string') params.format = issue.format;
    if ('values' in issue && Array.isArray(issue.values)) params.values = issue.values.join(', ');
    if ('keys' in issue && Array.isArray(issue.keys)) params.keys = issue.keys.join(', ');
    const kind = 'origin' in issue && typeof issue.origin === 'string' ? `${issue.code}.${issue.origin}` : issue.code;
    return { field, issue: kind, params };
  });
}

/** Domain verbs validate their own input, so the API and a worker get the same checks. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(toFieldIssues(result.error));
  return result.data;
}
