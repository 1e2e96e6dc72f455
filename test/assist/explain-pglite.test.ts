import { explainSuite } from './explain-suite.ts';

explainSuite('pglite');
