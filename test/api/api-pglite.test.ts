import { apiSuite } from './api-suite.ts';

apiSuite('pglite');
