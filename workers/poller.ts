import type { Logger } from 'pino';
import { errorLogFields } from '../matching/core/error-log-fields.ts';

export type Poller = {
  start(): void;
  stop(): Promise<void>;
  /** Runs the next tick now instead of after the interval (no-op while a tick is running or when stopped). */
  wake(): void;
};

/**
 * Runs `tick` every `intervalMs`, at once again while it reports more work (a full batch), never two at a
 * time. An error is logged and the next tick tries again: the database or Redis may be restarting.
 */
export function createPoller(name: string, intervalMs: number, tick: () => Promise<boolean>, logger: Logger): Poller {
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> | undefined;
  let running = false;

  const loop = async () => {
    timer = undefined;
    let more = false;
    try {
      more = await tick();
    } catch (error) {
      logger.warn({ error: errorLogFields(error), poller: name }, `${name} failed; retrying`);
    }
    if (running) timer = setTimeout(schedule, more ? 0 : intervalMs);
  };
  const schedule = () => {
    current = loop();
  };

  return {
    start() {
      if (running) return;
      running = true;
      schedule();
    },
    async stop() {
      running = false;
      clearTimeout(timer);
      await current;
    },
    wake() {
      if (!running || timer === undefined) return;
      // A tick in flight reschedules itself when done; only an idle wait is cut short.
      clearTimeout(timer);
      timer = undefined;
      schedule();
    },
  };
}
