import { matchStateSuite } from './match-state-suite.ts';
import { pipelineSuite } from './pipeline-suite.ts';

pipelineSuite('pglite');
matchStateSuite('pglite');
