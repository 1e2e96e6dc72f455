import { needRoutingSuite } from './need-routing-suite.ts';

needRoutingSuite('pglite');
