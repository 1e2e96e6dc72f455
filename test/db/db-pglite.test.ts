import { dbSuite } from './db-suite.ts';

dbSuite('pglite');
