import { describe, it } from 'vitest';
import { checkService } from '../support/services.ts';
import { inboxApiSuite } from './inbox-api-suite.ts';

const service = await checkService('TEST_DATABASE_URL');
if (service.available) inboxApiSuite('postgres', service.url);
else describe.skip(`notifications API on postgres (${service.reason})`, () => it('skipped', () => {}));
