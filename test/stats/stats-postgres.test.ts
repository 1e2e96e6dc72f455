import { describe, it } from 'vitest';
import { checkService } from '../support/services.ts';
import { statsSuite } from './stats-suite.ts';

const service = await checkService('TEST_DATABASE_URL');
if (service.available) statsSuite('postgres', service.url);
else describe.skip(`statistics on postgres (${service.reason})`, () => it('skipped', () => {}));
