import { describe, it } from 'vitest';
import { checkService } from '../support/services.ts';
import { confidentialitySuite } from './confidentiality-suite.ts';

const service = await checkService('TEST_DATABASE_URL');
if (service.available) confidentialitySuite('postgres', service.url);
else describe.skip(`confidentiality on postgres (${service.reason})`, () => it('skipped', () => {}));
