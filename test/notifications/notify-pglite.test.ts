import { notifySuite } from './notify-suite.ts';

notifySuite('pglite');
