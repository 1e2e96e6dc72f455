import { importSuite } from './import-suite.ts';

importSuite('pglite');
