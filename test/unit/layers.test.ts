import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

/**
 * The house's floors (BRIEF section 6): the domain (matching/) and the schema know no transport, the API knows
 * no workers, and nothing below the composition root (scripts/) imports it. A folder may import only the
 * floors below it; scripts/ and test/ wire everything and are not checked.
 */
const mayNotImport: Record<string, readonly string[]> = {
  schema: ['matching', 'api', 'workers', 'scripts'],
  matching: ['api', 'workers', 'scripts'],
  api: ['workers', 'scripts'],
  workers: ['api', 'scripts'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

function layerViolations(): string[] {
  return Object.entries(mayNotImport).flatMap(([layer, banned]) =>
    sourceFiles(layer).flatMap((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      return [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].flatMap((match) => {
        const target = normalize(join(dirname(file), match[1] ?? ''));
        const floor = relative('.', target).split('/')[0] ?? '';
        return banned.includes(floor) ? [`${file} imports ${target}`] : [];
      });
    }),
  );
}

describe('layers', () => {
  it('keeps every import running down the house, never up', () => {
    expect(layerViolations()).toEqual([]);
  });

  it('finds the source files it checks', () => {
    const files = sourceFiles('api');
    expect(files.length).toBeGreaterThan(20);
    expect(files).toContain('api/app.ts');
  });
});
