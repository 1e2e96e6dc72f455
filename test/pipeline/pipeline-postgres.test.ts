import { describe, it } from 'vitest';
import { checkService } from '../support/services.ts';
import { matchStateSuite } from './match-state-suite.ts';
import { pipelineSuite } from './pipeline-suite.ts';

const service = await checkService('TEST_DATABASE_URL');
if (service.available) {
  pipelineSuite('postgres', service.url);
  matchStateSuite('postgres', service.url);
} else describe.skip(`matching pipeline on postgres (${service.reason})`, () => it('skipped', () => {}));
