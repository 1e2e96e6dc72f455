import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createPoller } from '../../workers/poller.ts';

describe('poller wake-up', () => {
  it('runs the next tick at once when woken during an idle wait, and not twice at a time', async () => {
    let ticks = 0;
    let release: () => void = () => {};
    const poller = createPoller(
      'test',
      60_000,
      async () => {
        ticks++;
        if (ticks === 2) await new Promise<void>((resolve) => (release = resolve));
        return false;
      },
      pino({ level: 'silent' }),
    );
    poller.start();
    await new Promise((r) => setTimeout(r, 20));
    expect(ticks).toBe(1);
    poller.wake();
    await new Promise((r) => setTimeout(r, 20));
    expect(ticks).toBe(2);
    poller.wake();
    await new Promise((r) => setTimeout(r, 20));
    expect(ticks).toBe(2);
    release();
    await poller.stop();
  });
});
