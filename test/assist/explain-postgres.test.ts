import { describe, it } from 'vitest';
import { checkService } from '../support/services.ts';
import { explainSuite } from './explain-suite.ts';

const service = await checkService('TEST_DATABASE_URL');
if (service.available) explainSuite('postgres', service.url);
else describe.skip(`pair explanation on postgres (${service.reason})`, () => it('skipped', () => {}));
