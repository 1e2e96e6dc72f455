import { describe, it } from 'vitest';
import { checkService } from '../support/services.ts';
import { dbSuite } from './db-suite.ts';

const service = await checkService('TEST_DATABASE_URL');
if (service.available) dbSuite('postgres', service.url);
else describe.skip(`database on postgres (${service.reason})`, () => it('skipped', () => {}));
