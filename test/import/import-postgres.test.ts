import { describe, it } from 'vitest';
import { checkService } from '../support/services.ts';
import { importSuite } from './import-suite.ts';

const service = await checkService('TEST_DATABASE_URL');
if (service.available) importSuite('postgres', service.url);
else describe.skip(`bulk import on postgres (${service.reason})`, () => it('skipped', () => {}));
