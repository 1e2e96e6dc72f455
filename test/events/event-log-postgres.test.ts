import { describe, it } from 'vitest';
import { checkService } from '../support/services.ts';
import { eventLogSuite } from './event-log-suite.ts';

const service = await checkService('TEST_DATABASE_URL');
if (service.available) eventLogSuite('postgres', service.url);
else describe.skip(`event log on postgres (${service.reason})`, () => it('skipped', () => {}));
