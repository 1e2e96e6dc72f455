import { idempotencySuite } from './idempotency-suite.ts';

idempotencySuite('pglite');
