import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

/** Browser tests run where Chromium is installed (`apt-get install -y chromium`) and are skipped elsewhere. */
export const chromiumPath = '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

type Pending = { resolve: (value: any) => void; reject: (error: Error) => void };

/**
 * Headless Chromium driven over the DevTools protocol on `--remote-debugging-pipe` (fd 3 in, fd 4 out, one
 * JSON message per NUL): enough to open a page, run a script before the page's own, and evaluate expressions.
 */
export async function launchChromium() {
  const profile = mkdtempSync(join(tmpdir(), 'ca-chromium-'));
  const child: ChildProcess = spawn(
    chromiumPath,
    [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--no-first-run',
      '--remote-debugging-pipe',
      `--user-data-dir=${profile}`,
      'about:blank',
    ],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'] },
  );
  const input = child.stdio[3] as Writable;
  const output = child.stdio[4] as Readable;
  const waiting = new Map<number, Pending>();
  let nextId = 0;
  let buffer = '';
  output.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    for (let end = buffer.indexOf('\0'); end >= 0; end = buffer.indexOf('\0')) {
      const message = JSON.parse(buffer.slice(0, end));
      buffer = buffer.slice(end + 1);
      const pending = message.id === undefined ? undefined : waiting.get(message.id);
      if (!pending) continue;
      waiting.delete(message.id);
      if (message.error) pending.reject(new Error(JSON.stringify(message.error)));
      else pending.resolve(message.result);
    }
  });
  const send = (method: string, params: object = {}, sessionId?: string): Promise<any> =>
    new Promise((resolve, reject) => {
      const id = ++nextId;
      waiting.set(id, { resolve, reject });
      input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
    });

  return {
    /** Opens `address` after installing `beforeLoad` (runs ahead of the page's scripts, exempt from its CSP). */
    async openPage(address: string, beforeLoad = '') {
      const { targetId } = await send('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = await send('Target.attachToTarget', { targetId, flatten: true });
      await send('Page.enable', {}, sessionId);
      if (beforeLoad) await send('Page.addScriptToEvaluateOnNewDocument', { source: beforeLoad }, sessionId);
      await send('Page.navigate', { url: address }, sessionId);
      const evaluate = async (expression: string) => {
        const result = await send('Runtime.evaluate', { expression, returnByValue: true }, sessionId);
        if (result.exceptionDetails) throw new Error(JSON.stringify(result.exceptionDetails));
        return result.result.value;
      };
      return {
        eval: evaluate,
        async waitFor(expression: string, timeoutMs = 20_000) {
          const deadline = Date.now() + timeoutMs;
          while (!(await evaluate(expression).catch(() => false))) {
            if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        },
      };
    },
    async close() {
      await send('Browser.close').catch(() => {});
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            child.kill('SIGKILL');
            resolve();
          }, 5_000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
