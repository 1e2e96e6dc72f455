import type { JobListener } from '../../workers/job-runner.ts';

export type JobTimings = Record<string, number[]>;

/**
 * Run time of every job by name (the processor and its listeners, as `executeJob` reports it), so the
 * benchmark can tell time spent running from time spent waiting in the runner's queue. `take` hands over what
 * was collected since the last call.
 */
export function jobTimer(): { listener: JobListener; take(): JobTimings } {
  let timings: JobTimings = {};
  return {
    listener: (event) => {
      if (event.outcome !== 'completed') return;
      const list = timings[event.job.name] ?? [];
      list.push(event.durationMs);
      timings[event.job.name] = list;
    },
    take() {
      const taken = timings;
      timings = {};
      return taken;
    },
  };
}

export function mergeTimings(parts: readonly JobTimings[]): JobTimings {
  const merged: JobTimings = {};
  for (const part of parts)
    for (const [name, list] of Object.entries(part)) merged[name] = [...(merged[name] ?? []), ...list];
  return merged;
}
