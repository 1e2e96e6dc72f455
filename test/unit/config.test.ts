import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../scripts/config.ts';

describe('config', () => {
  it('applies defaults for the embedded start', () => {
    const config = loadConfig({});
    // The project folder's data/, absolute, whatever the cwd: every tool means the same embedded database.
    const projectData = join(new URL('../../', import.meta.url).pathname, 'data');
    expect(config).toMatchObject({ PORT: 3000, DATA_DIR: projectData, LOG_LEVEL: 'info' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('treats empty URLs as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it('names every malformed variable in one error', () => {
    const attempt = () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'not a url', LOG_LEVEL: 'loud' });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL']) expect(message).toContain(name);
    }
  });

  it('names the settings dense retrieval needs', () => {
    expect(() => loadConfig({ DENSE_WEIGHT: '0.2' })).toThrow(/EMBEDDINGS_URL/);
    expect(() => loadConfig({ VECTOR_STORE: 'qdrant' })).toThrow(/QDRANT_URL/);
    expect(loadConfig({ DENSE_WEIGHT: '0.2', EMBEDDINGS_URL: 'http://127.0.0.1:9/v1' }).DENSE_WEIGHT).toBe(0.2);
  });
});
