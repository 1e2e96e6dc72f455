import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pino from 'pino';
import { afterAll, describe } from 'vitest';
import { createBullmqRunner } from '../../workers/bullmq-runner.ts';
import { checkService } from '../support/services.ts';
import { jobRunnerContract } from './job-runner-contract.ts';

const service = await checkService('TEST_REDIS_URL');
const deps = { logger: pino({ level: 'silent' }) } as never;
// One random prefix for this file, a fresh queue name per test: nothing is shared with other suites.
const prefix = `ca-test-${randomBytes(4).toString('hex')}`;

describe.skipIf(!service.available)(
  `BullMQ runner on real Redis${service.available ? '' : ` (${service.reason})`}`,
  () => {
    const url = service.url ?? '';
    afterAll(async () => {
      const redis = new Redis(url);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    });

    jobRunnerContract('BullMQ', async ({ catalog, listeners, concurrency }) =>
      createBullmqRunner({
        deps,
        catalog,
        listeners,
        concurrency,
        redisUrl: url,
        prefix,
        queueName: `q-${randomBytes(4).toString('hex')}`,
      }),
    );
  },
);
