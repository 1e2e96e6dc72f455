import { queueSuite } from './queue-suite.ts';

queueSuite('pglite');
