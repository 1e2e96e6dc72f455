import { describe, it } from 'vitest';
import { checkService } from '../support/services.ts';
import { etagSuite } from './etag-suite.ts';

const service = await checkService('TEST_DATABASE_URL');
if (service.available) etagSuite('postgres', service.url);
else describe.skip(`ETag and If-Match on postgres (${service.reason})`, () => it('skipped', () => {}));
