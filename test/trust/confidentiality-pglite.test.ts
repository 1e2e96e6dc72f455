import { confidentialitySuite } from './confidentiality-suite.ts';

confidentialitySuite('pglite');
