import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const root = new URL('../../', import.meta.url).pathname;
export const tsx = join(root, 'node_modules/.bin/tsx');

export type ScriptResult = { code: number; stdout: string; stderr: string };

/** Runs scripts/NAME.ts as `npm run` would, in `cwd` (the project folder unless told), and never throws. */
export async function runScript(
  name: string,
  args: string[],
  options: { env?: Record<string, string>; cwd?: string } = {},
): Promise<ScriptResult> {
  // Only what a shell would pass: a developer's own DATABASE_URL or .env must not leak into the test.
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DEMO_DATA: 'off', ...options.env };
  try {
    const { stdout, stderr } = await run(tsx, [join(root, 'scripts', `${name}.ts`), ...args], {
      cwd: options.cwd ?? root,
      env,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: unknown; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number') throw error;
    return { code: failed.code, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
