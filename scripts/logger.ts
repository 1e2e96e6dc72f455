import pino, { type Logger } from 'pino';

/** Secrets and confidential text must never reach a log line, even by accident in an error object. */
const redactPaths = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'key',
  '*.key',
  'secret',
  '*.secret',
  'password',
  '*.password',
  'description',
  '*.description',
];

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: redactPaths, censor: '[redacted]' }, base: { service: 'conversion-agent' } });
}
