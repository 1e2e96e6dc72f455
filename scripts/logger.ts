import pino, { type DestinationStream, type Logger } from 'pino';
import pretty from 'pino-pretty';
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
  // Settings that may come from .env: a key, or a URL with a password in it.
  'apiKey',
  'token',
  'EMBEDDINGS_API_KEY',
  'QDRANT_API_KEY',
  'DATABASE_URL',
  'REDIS_URL',
  'databaseUrl',
  'redisUrl',
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
export type LogFormat = 'auto' | 'json' | 'pretty';

/** auto: a person at a terminal reads lines; a pipe (a file, Docker, a collector) gets one JSON object a line. */
export function resolveLogFormat(format: LogFormat, stdoutIsTty = process.stdout.isTTY === true): 'json' | 'pretty' {
  if (format !== 'auto') return format;
  return stdoutIsTty ? 'pretty' : 'json';
}

export function createLogger(level: string, destination?: DestinationStream, format: LogFormat = 'json'): Logger {
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
  if (resolveLogFormat(format) === 'json') return destination ? pino(options, destination) : pino(options);
  // In this thread and synchronous: a transport's worker thread would lose the last lines at process.exit.
  const stream = pretty({
    sync: true,
    colorize: !destination && process.stdout.isTTY === true,
    ignore: 'pid,hostname,service',
    translateTime: 'SYS:HH:MM:ss.l',
    ...(destination ? { destination } : {}),
  });
  return pino(options, stream);
}
