import pino from 'pino';
import { createInProcessRunner } from '../../workers/inprocess-runner.ts';
import { jobRunnerContract } from './job-runner-contract.ts';

// Processors in these tests never touch the database; the runner only passes deps through.
const deps = { logger: pino({ level: 'silent' }) } as never;

jobRunnerContract('in-process', async ({ catalog, listeners, concurrency }) =>
  createInProcessRunner({ deps, catalog, listeners, concurrency }),
);
