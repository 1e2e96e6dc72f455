import { describe, it } from 'vitest';
import { checkService } from '../support/services.ts';
import { needIntakeSuite } from './need-intake-suite.ts';

const service = await checkService('TEST_DATABASE_URL');
if (service.available) needIntakeSuite('postgres', service.url);
else describe.skip(`need intake on postgres (${service.reason})`, () => it('skipped', () => {}));
