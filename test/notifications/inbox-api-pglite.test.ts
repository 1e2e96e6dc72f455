import { inboxApiSuite } from './inbox-api-suite.ts';

inboxApiSuite('pglite');
