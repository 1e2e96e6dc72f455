import { needIntakeSuite } from './need-intake-suite.ts';

needIntakeSuite('pglite');
