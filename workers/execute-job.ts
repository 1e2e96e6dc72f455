import type { Logger } from 'pino';
import type { Deps } from '../matching/core/deps.ts';
import { errorLogFields } from '../matching/core/error-log-fields.ts';
import type { JobCatalog, JobDefinition } from './job-catalog.ts';
import { errorSummary, isPermanent, JobTimeoutError, UnknownJobError } from './job-errors.ts';
import type { JobListener, JobRef, JobRequest, JobSettled } from './job-runner.ts';

export type Execution =
  | { ok: true }
  /** `final`: the job will not run again (permanent failure, or this was its last attempt). */
  | { ok: false; error: unknown; summary: string; permanent: boolean; final: boolean };

export type ExecuteOptions = {
  deps: Deps;
  catalog: JobCatalog;
  listeners: readonly JobListener[];
  /** Aborted by the runner on a forced stop; combined with the job's own timeout. */
  signal?: AbortSignal;
};

/**
 * One run of one job, shared by both runners so they cannot drift apart: parse the payload, run the processor
 * under its timeout, classify the failure, and tell the listeners before the runner acknowledges anything.
 */
export async function executeJob(request: JobRequest, attempt: number, options: ExecuteOptions): Promise<Execution> {
  const started = performance.now();
  const ref: JobRef = { name: request.name, id: request.id, attempt };
  const definition = options.catalog.get(request.name);
  let result: Execution;
  try {
    if (!definition) throw new UnknownJobError(request.name);
    await runWithTimeout(definition, request, attempt, options);
    await notify(options.listeners, { outcome: 'completed', job: ref, durationMs: elapsed(started) });
    return { ok: true };
  } catch (error) {
    const permanent = isPermanent(error);
    const final = permanent || attempt >= (definition?.attempts ?? 1);
    result = { ok: false, error, summary: errorSummary(error), permanent, final };
  }
  const event: JobSettled = {
    outcome: result.final ? 'failed' : 'retrying',
    job: ref,
    durationMs: elapsed(started),
    error: result.summary,
    permanent: result.permanent,
  };
  const log = options.deps.logger;
  // Class and code only (errorLogFields): a failed query's error quotes its parameters, which hold record text.
  log[result.final ? 'error' : 'warn']({ job: ref, error: errorLogFields(result.error) }, `job ${event.outcome}`);
  // A listener failing here (the database is down) must not hide the job's own failure; the outbox
  // reconciler re-dispatches rows that were never settled.
  await notify(options.listeners, event).catch((error: unknown) => logListenerError(log, ref, error));
  return result;
}

async function runWithTimeout(
  definition: JobDefinition,
  request: JobRequest,
  attempt: number,
  options: ExecuteOptions,
) {
  const payload: unknown = definition.payload.parse(request.payload);
  const controller = new AbortController();
  const signal = options.signal ? AbortSignal.any([controller.signal, options.signal]) : controller.signal;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // JavaScript cannot kill the processor; the signal asks it to stop, and its late result is ignored.
      controller.abort(new JobTimeoutError(definition.timeoutMs));
      reject(new JobTimeoutError(definition.timeoutMs));
    }, definition.timeoutMs);
  });
  try {
    const run = definition.process(options.deps, payload, { jobId: request.id, attempt, signal });
    run.catch(() => {}); // after a timeout nobody awaits it; its rejection must not crash the process
    await Promise.race([run, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function notify(listeners: readonly JobListener[], event: JobSettled) {
  for (const listener of listeners) await listener(event);
}

function logListenerError(logger: Logger, job: JobRef, error: unknown) {
  logger.error({ job, error: errorLogFields(error) }, 'job listener failed');
}

const elapsed = (started: number) => Math.round(performance.now() - started);
