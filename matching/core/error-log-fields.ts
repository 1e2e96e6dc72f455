/**
 * What a log line may say about an error: its class, a code, the same for its cause, and the stack frames.
 * Never the message, nor any other property: a driver error's message and fields quote the failed query's
 * parameters (drizzle's "Failed query: … params: …", postgres.js `parameters`, PGlite `params`), which hold
 * request text, confidential records and API-key prefixes. The frames say where; the class and code say what.
 */
export type ErrorLogFields = { type: string; code?: string; cause?: ErrorLogFields; stack?: string };

const safeCode = /^[\w.-]{1,40}$/;
const maxCauseDepth = 3;

export function errorLogFields(error: unknown, depth = 0): ErrorLogFields {
  if (!(error instanceof Error)) return { type: error === null ? 'null' : typeof error };
  const fields: ErrorLogFields = { type: error.constructor?.name || error.name || 'Error' };
  const code = (error as { code?: unknown }).code;
  if ((typeof code === 'string' && safeCode.test(code)) || typeof code === 'number') fields.code = String(code);
  const frames = stackFrames(error);
  if (frames) fields.stack = frames;
  if (error.cause !== undefined && depth < maxCauseDepth) fields.cause = errorLogFields(error.cause, depth + 1);
  return fields;
}

/**
 * The `    at …` lines only. V8 writes `Name: message` before the first frame, and a message may span lines that
 * look like frames (a quoted parameter can say anything), so everything up to the message's end is cut; a
 * stack that no longer contains its message (rewritten after capture) is dropped whole.
 */
function stackFrames(error: Error): string | undefined {
  const stack = error.stack ?? '';
  const end = error.message === '' ? 0 : stack.indexOf(error.message);
  if (end < 0) return undefined;
  const frames = stack
    .slice(end + error.message.length)
    .split('\n')
    .filter((line) => /^\s+at /.test(line));
  return frames.length > 0 ? frames.map((line) => line.trim()).join('\n') : undefined;
}

/** For a logger's serializers: errors become their safe fields; anything else (already safe fields) stays. */
export const serializeErrorForLog = (value: unknown): unknown =>
  value instanceof Error ? errorLogFields(value) : value;
