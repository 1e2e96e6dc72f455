import { etagSuite } from './etag-suite.ts';

etagSuite('pglite');
