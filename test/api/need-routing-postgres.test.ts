import { describe, it } from 'vitest';
import { checkService } from '../support/services.ts';
import { needRoutingSuite } from './need-routing-suite.ts';

const service = await checkService('TEST_DATABASE_URL');
if (service.available) needRoutingSuite('postgres', service.url);
else describe.skip(`need routing on postgres (${service.reason})`, () => it('skipped', () => {}));
