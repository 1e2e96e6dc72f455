import { describe, it } from 'vitest';
import { checkService } from '../support/services.ts';
import { outcomesSuite } from './outcomes-suite.ts';

const service = await checkService('TEST_DATABASE_URL');
if (service.available) outcomesSuite('postgres', service.url);
else describe.skip(`outcomes on postgres (${service.reason})`, () => it('skipped', () => {}));
