import { describe, it } from 'vitest';
import { checkService } from '../support/services.ts';
import { notifySuite } from './notify-suite.ts';

const service = await checkService('TEST_DATABASE_URL');
if (service.available) notifySuite('postgres', service.url);
else describe.skip(`notify processor on postgres (${service.reason})`, () => it('skipped', () => {}));
