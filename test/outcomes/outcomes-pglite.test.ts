import { outcomesSuite } from './outcomes-suite.ts';

outcomesSuite('pglite');
