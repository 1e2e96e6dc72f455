import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CliError } from './cli-args.ts';

/** A wrong --data is the common first mistake: say which file is missing instead of a stack from readFile. */
export function requireEvalFolder(dir: string, split: string) {
  for (const file of ['corpus.jsonl', join(split, 'queries.jsonl'), join(split, 'qrels.tsv')]) {
    if (!existsSync(join(dir, file))) {
      throw new CliError(
        `--data ${dir}: no ${file} there (expected corpus.jsonl, ${split}/queries.jsonl, ${split}/qrels.tsv)`,
      );
    }
  }
}
