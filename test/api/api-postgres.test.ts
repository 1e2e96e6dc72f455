import { describe, it } from 'vitest';
import { checkService } from '../support/services.ts';
import { apiSuite } from './api-suite.ts';

const service = await checkService('TEST_DATABASE_URL');
if (service.available) apiSuite('postgres', service.url);
else describe.skip(`API on postgres (${service.reason})`, () => it('skipped', () => {}));
