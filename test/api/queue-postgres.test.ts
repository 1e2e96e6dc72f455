import { describe, it } from 'vitest';
import { checkService } from '../support/services.ts';
import { queueSuite } from './queue-suite.ts';

const service = await checkService('TEST_DATABASE_URL');
if (service.available) queueSuite('postgres', service.url);
else describe.skip(`queue on postgres (${service.reason})`, () => it('skipped', () => {}));
