import type { Answer } from './fuzz-client.ts';

/**
 * What every answer must satisfy, whatever was asked: never a 5xx, and every 4xx an RFC 9457 problem
 * document whose `status` is the HTTP status and which carries a `type`, `title` and our stable `code`.
 * Returns what is wrong, or nothing.
 */
export function answerViolations(method: string, answer: Answer): string[] {
  const { status, contentType, text } = answer;
  if (status >= 500) return [`answered ${status}: ${text.slice(0, 500)}`];
  if (status < 400 || status >= 500) return [];
  if (!/^application\/problem\+json\b/i.test(contentType)) {
    return [`a ${status} answer with content-type "${contentType}", not application/problem+json`];
  }
  // HEAD answers carry the headers of the GET answer and no body.
  if (method === 'HEAD') return [];
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [`a ${status} problem whose body is not JSON: ${text.slice(0, 200)}`];
  }
  if (typeof body !== 'object' || body === null) return [`a ${status} problem that is not an object: ${text}`];
  const problem = body as Record<string, unknown>;
  const wrong: string[] = [];
  for (const member of ['type', 'title', 'code']) {
    if (typeof problem[member] !== 'string' || problem[member] === '') wrong.push(`problem without a "${member}"`);
  }
  if (problem.status !== status) wrong.push(`problem status ${String(problem.status)} on a ${status} answer`);
  return wrong.map((w) => `${w}: ${text.slice(0, 300)}`);
}
