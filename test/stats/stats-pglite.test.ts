import { statsSuite } from './stats-suite.ts';

statsSuite('pglite');
