import { describe, it } from 'vitest';
import { checkService } from '../support/services.ts';
import { platformsSuite } from './platforms-suite.ts';

const service = await checkService('TEST_DATABASE_URL');
if (service.available) platformsSuite('postgres', service.url);
else describe.skip(`platforms on postgres (${service.reason})`, () => it('skipped', () => {}));
