import { eventCount } from '../matching/core/event-log.ts';
import { verifyChain } from '../matching/core/verify-event-chain.ts';
import { parseCli, runCli } from './cli-args.ts';
import { loadConfig } from './config.ts';
import { createDeps } from './create-deps.ts';

const cli = {
  usage: `usage: npm run audit:verify [-- --batch 5000]
  Recomputes the event log's hash chain (ADR 0008) and checks that seq has no gap and the chain head names
  the last row. Exits 0 when it holds, 1 naming the first broken row. Reads DATABASE_URL, else the embedded
  database in DATA_DIR.
  --batch     rows read per query (default 5000)`,
  options: { batch: { type: 'string', default: '5000' } },
} as const;

async function main() {
  const { values } = parseCli(cli);
  const batchSize = Number(values.batch);
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new Error('--batch must be a positive integer');
  const runtime = await createDeps({ ...loadConfig(), LOG_LEVEL: 'warn' });
  try {
    const total = await eventCount(runtime.deps.db);
    let last = 0;
    const report = await verifyChain(runtime.deps.db, {
      batchSize,
      onProgress: (checked) => {
        const now = performance.now();
        if (now - last < 1000 && checked < total) return;
        last = now;
        process.stderr.write(`verified ${checked}/${total} events\n`);
      },
    });
    if (report.broken) {
      process.stdout.write(
        `audit: BROKEN at event seq ${report.broken.seq}: ${report.broken.reason} (${report.checked} events before it hold)\n`,
      );
      process.exitCode = 1;
      return;
    }
    process.stdout.write(`audit: ok, ${report.checked} events, chain intact\n`);
  } finally {
    await runtime.close();
  }
}

runCli('audit:verify', main);
