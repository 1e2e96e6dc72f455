import { pipelineSuite } from './pipeline-suite.ts';

pipelineSuite('pglite');
