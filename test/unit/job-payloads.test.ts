import { describe, expect, it } from 'vitest';
import type { Work } from '../../matching/core/outbox.ts';
import { matchPayload } from '../../matching/pipeline/match-record.ts';
import { ingestWork, matchWork } from '../../matching/pipeline/record-ingest.ts';

describe('typed jobs', () => {
  it('lets the job name decide the payload type where a job is recorded (checked by tsc in npm run check)', () => {
    const ok: Work[] = [
      ingestWork('need', '7b0c8a52-4a3c-4c1e-9d55-0f1a2b3c4d5e'),
      { job: 'route', key: 'route-1', payload: { suggestionIds: ['7b0c8a52-4a3c-4c1e-9d55-0f1a2b3c4d5e'] } },
    ];
    // @ts-expect-error a route job does not take an ingest payload
    const wrongPayload: Work = { job: 'route', key: 'route-2', payload: { kind: 'need', id: 'x' } };
    // @ts-expect-error no processor reads a job of this name
    const unknownJob: Work = { job: 'ingets', key: 'k', payload: { kind: 'need', id: 'x' } };
    expect([...ok, wrongPayload, unknownJob].map((w) => w.job)).toEqual(['ingest', 'route', 'route', 'ingets']);
  });

  it('builds payloads the processor parses', () => {
    const work = matchWork('need', '7b0c8a52-4a3c-4c1e-9d55-0f1a2b3c4d5e', 'achievement');
    expect(matchPayload.parse(work.payload)).toEqual(work.payload);
  });
});
