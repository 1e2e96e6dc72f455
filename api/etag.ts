import { z } from '@hono/zod-openapi';
import { ValidationError } from '../matching/core/errors.ts';
import { problemSchema } from './schemas.ts';

/**
 * ETag / If-Match (RFC 9110 §8.8.3, §13.1.1) over the domain's record versions (matching/core/record-version.ts).
 * A PATCH without If-Match stays an unconditional write: requiring it (428) would break every client that
 * exists today; clients that care about lost updates send it.
 */
export const formatEtag = (version: string) => `"${version}"`;

const member = /^\s*(W\/)?"([\x21\x23-\x7e]*)"\s*(?:,|$)/;

/**
 * The versions an If-Match accepts: undefined for none or `*` (the record exists, or the verb answers 404),
 * else the strong tags listed. Weak tags never match under the strong comparison If-Match requires, so they
 * are dropped, and a list of weak tags only matches nothing.
 */
export function parseIfMatch(header: string | undefined): readonly string[] | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const invalid = new ValidationError([{ field: 'If-Match', issue: 'invalid_if_match' }]);
  if (header.trim() === '') throw invalid;
  const versions: string[] = [];
  let rest = header;
  while (rest.trim() !== '') {
    const match = member.exec(rest);
    if (!match) throw invalid;
    if (!match[1] && match[2] !== undefined) versions.push(match[2]);
    rest = rest.slice(match[0].length);
  }
  return versions;
}

/** The request header, for a PATCH's OpenAPI entry; documented here, checked by `parseIfMatch` (see idempotency.ts). */
export const ifMatchHeader = z.object({
  'If-Match': z
    .string()
    .optional()
    .openapi({
      description:
        'Optional: the ETag from your last read. The update applies only if the record is still at that ' +
        'version, else 412 and nothing changes. Without it the update is unconditional.',
      example: '"mX3kQ9v2Lr8tYb1Wc6Zp0dN4sHf"',
    }),
});

/** The response header on reads and writes of an editable record. */
export const etagHeader = {
  ETag: {
    description: 'Strong, opaque version of the record; send it back in If-Match to update only that version.',
    schema: { type: 'string' as const },
  },
};

export const preconditionFailed = {
  412: {
    description: 'If-Match does not match the current ETag: the record changed since it was read',
    content: { 'application/problem+json': { schema: problemSchema } },
  },
};
