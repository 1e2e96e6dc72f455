import { spawn } from 'node:child_process';
import type { ClientMessage, ClientStart } from './load-types.ts';

type Done = Extract<ClientMessage, { type: 'done' }>;

const clientScript = new URL('./load-client.ts', import.meta.url).pathname;
const repoRoot = new URL('../../', import.meta.url).pathname;

export type ClientHandle = {
  /** Resolves when every need has been sent and answered (or the deadline came). */
  posted: Promise<number>;
  /** Tells the managers to stop, then resolves with everything the client recorded. */
  finish(): Promise<Done>;
  kill(): void;
};

/** Starts scripts/bench/load-client.ts (node itself, so the pid is the client's) and hands it the load. */
export function startClient(start: ClientStart, progress: (line: string) => void): ClientHandle {
  const child = spawn(process.execPath, ['--import', 'tsx', clientScript], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  // The client's own output goes to stderr: stdout is kept for the report and the JSON line.
  child.stdout?.pipe(process.stderr);
  child.stderr?.pipe(process.stderr);
  let resolvePosted: (seconds: number) => void = () => {};
  let resolveDone: (done: Done) => void = () => {};
  let fail: (error: Error) => void = () => {};
  const posted = new Promise<number>((resolve) => {
    resolvePosted = resolve;
  });
  const done = new Promise<Done>((resolve, reject) => {
    resolveDone = resolve;
    fail = reject;
  });
  let finished = false;
  child.on('message', (message: ClientMessage) => {
    if (message.type === 'progress') progress(message.line);
    else if (message.type === 'posted') resolvePosted(message.postingSeconds);
    else if (message.type === 'done') {
      finished = true;
      resolveDone(message);
    }
  });
  child.once('exit', (code) => {
    if (!finished) fail(new Error(`load client exited early (code ${code})`));
  });
  // Nobody may be left waiting on `posted` if the client dies first.
  done.catch(() => resolvePosted(Number.NaN));
  child.send(start);
  return {
    posted,
    async finish() {
      if (child.connected) child.send({ type: 'stop' });
      const result = await done;
      if (child.connected) child.disconnect();
      return result;
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
