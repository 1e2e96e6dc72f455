import { eventLogSuite } from './event-log-suite.ts';

eventLogSuite('pglite');
