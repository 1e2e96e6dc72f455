import pino, { type DestinationStream, type Logger } from 'pino';
import { serializeErrorForLog } from '../matching/core/error-log-fields.ts';

/**
 * Secrets and confidential text must never reach a log line, even by accident in an error object. Paths
 * cover the names request text and SQL parameters travel under (`query`, `params`, `parameters`, `body`).
 */
const redactedNames = [
  'authorization',
  'key',
  'secret',
  'password',
  'description',
  'query',
  'params',
  'parameters',
  'body',
];
const redactPaths = [
  ...redactedNames.flatMap((name) => [name, `*.${name}`]),
  'headers.authorization',
  '*.headers.authorization',
];

/**
 * Errors are logged as class, code and stack frames only (matching/core/error-log-fields.ts): a database
 * error's message and properties quote the failed query's parameters. `err` is pino's error key; `error` is
 * covered too, for a line that names it so.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: { err: serializeErrorForLog, error: serializeErrorForLog },
    // `logger.error(error)` would make the error's message the line's `msg`; keep the error, drop its message.
    hooks: {
      logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void) {
        const [first, ...rest] = args;
        if (!(first instanceof Error)) return method.apply(this, args);
        return method.apply(this, [{ err: first }, typeof rest[0] === 'string' ? rest[0] : 'error', ...rest.slice(1)]);
      },
    },
    base: { service: 'conversion-agent' },
  };
  return destination ? pino(options, destination) : pino(options);
}
