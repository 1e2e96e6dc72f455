import { acquireDataDirLock, DataDirBusyError } from '../../schema/data-dir-lock.ts';

/** One contender for a data folder's lock: prints `won` or `refused`, holding a win long enough to overlap. */
const dir = process.argv[2] ?? '';
try {
  const lock = acquireDataDirLock(dir, { command: 'contender' });
  process.stdout.write('won');
  setTimeout(() => lock.release(), 4000);
} catch (error) {
  if (!(error instanceof DataDirBusyError)) throw error;
  process.stdout.write('refused');
}
