import { describe, it } from 'vitest';
import { checkService } from '../support/services.ts';
import { idempotencySuite } from './idempotency-suite.ts';

const service = await checkService('TEST_DATABASE_URL');
if (service.available) idempotencySuite('postgres', service.url);
else describe.skip(`Idempotency-Key on postgres (${service.reason})`, () => it('skipped', () => {}));
