import { describe, it } from 'vitest';
import { checkService } from '../support/services.ts';
import { canarySuite } from './canary-suite.ts';

canarySuite('pglite');

const service = await checkService('TEST_DATABASE_URL');
if (service.available) canarySuite('postgres', service.url);
else describe.skip(`canary crawl on postgres (${service.reason})`, () => it('skipped', () => {}));
