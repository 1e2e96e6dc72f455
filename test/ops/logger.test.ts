import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, resolveLogFormat } from '../../scripts/logger.ts';

/** A real stream: pino-pretty pipes into its destination. */
const collect = () => {
  const out: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      out.push(String(chunk));
      done();
    },
  });
  return { out, stream };
};

describe('log format', () => {
  it('is readable on a terminal and JSON on a pipe unless LOG_FORMAT says otherwise', () => {
    expect(resolveLogFormat('auto', true)).toBe('pretty');
    expect(resolveLogFormat('auto', false)).toBe('json');
    expect(resolveLogFormat('json', true)).toBe('json');
    expect(resolveLogFormat('pretty', false)).toBe('pretty');
  });

  it('pretty prints a line a person reads, still without secrets', () => {
    const { out, stream } = collect();
    const logger = createLogger('info', stream, 'pretty');
    logger.info({ port: 3000, EMBEDDINGS_API_KEY: 'sk-visible' }, 'listening');
    const text = out.join('');
    expect(text).toMatch(/INFO.*listening/);
    expect(text).toContain('port: 3000');
    expect(() => JSON.parse(text)).toThrow();
    expect(text).not.toContain('sk-visible');
  });

  it('JSON lines redact settings that come from .env', () => {
    const { out, stream } = collect();
    const logger = createLogger('info', stream, 'json');
    logger.info(
      { settings: { DATABASE_URL: 'postgres://u:pw@db/x', QDRANT_API_KEY: 'q-secret' }, REDIS_URL: 'redis://:pw@r' },
      'settings',
    );
    const line = JSON.parse(out.join('')) as Record<string, unknown>;
    expect(line.settings).toEqual({ DATABASE_URL: '[redacted]', QDRANT_API_KEY: '[redacted]' });
    expect(line.REDIS_URL).toBe('[redacted]');
  });
});
