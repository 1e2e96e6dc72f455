import { platformsSuite } from './platforms-suite.ts';

platformsSuite('pglite');
