import { type ParseArgsConfig, parseArgs } from 'node:util';
import { ConfigError } from './config.ts';
import { type DotEnv, loadDotEnv } from './env-file.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

export type CliSpec<O extends Options> = {
  /** The whole usage text, printed for --help and after every argument error. */
  usage: string;
  options: O;
  /** Names of the positional arguments, in order; `required` of them must be given, extras are refused. */
  positionals?: { names: readonly string[]; required: number };
  /** Options that must be given. */
  required?: readonly (keyof O & string)[];
  /** Options whose value must be one of a few words. */
  choices?: { [K in keyof O & string]?: readonly string[] };
};

type Parsed<O extends Options> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>;

export type CliOutcome<O extends Options> =
  | ({ kind: 'ok' } & Parsed<O>)
  | { kind: 'help'; text: string }
  | { kind: 'error'; message: string };

/** An error the tool expects (a missing file, a wrong folder): one line on stderr, no stack, this exit code. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
  }
}

/** Pure: what the arguments mean, so the wording of every argument error is testable without a process. */
export function readCli<O extends Options>(spec: CliSpec<O>, argv: string[]): CliOutcome<O> {
  // --help wins over everything else on the line, so `tool --help --typo` still only prints the usage.
  const beforeDashes = argv.indexOf('--') < 0 ? argv : argv.slice(0, argv.indexOf('--'));
  if (beforeDashes.includes('--help') || beforeDashes.includes('-h')) return { kind: 'help', text: spec.usage };
  let parsed: Parsed<O>;
  try {
    parsed = parseArgs({ args: argv, options: spec.options, allowPositionals: true, strict: true });
  } catch (error) {
    return { kind: 'error', message: argumentProblem(error) };
  }
  const names = spec.positionals?.names ?? [];
  const required = spec.positionals?.required ?? 0;
  if (parsed.positionals.length < required)
    return { kind: 'error', message: `missing ${names[parsed.positionals.length]}` };
  const extra = parsed.positionals[names.length];
  if (extra !== undefined) return { kind: 'error', message: `unexpected argument ${extra}` };
  const values = parsed.values as Record<string, unknown>;
  for (const name of spec.required ?? []) {
    if (values[name] === undefined) return { kind: 'error', message: `missing --${name}` };
  }
  for (const [name, allowed = []] of Object.entries(spec.choices ?? {}) as [string, readonly string[]][]) {
    const value = values[name];
    if (typeof value === 'string' && !allowed.includes(value)) {
      return { kind: 'error', message: `--${name} must be ${allowed.join(' or ')}, not ${value}` };
    }
  }
  return { kind: 'ok', ...parsed };
}

/** node:util's messages are long and name the option in quotes; keep one short line that names it. */
function argumentProblem(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${quoted}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const option = quoted.split(' ')[0] ?? quoted;
    return message.includes('argument missing') ? `${option} needs a value` : `${option} takes no value`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument ${quoted}`;
  return message.split('\n')[0] ?? message;
}

/** Parses process arguments: --help prints the usage and exits 0, an argument error one line plus usage, exit 2. */
export function parseCli<O extends Options>(spec: CliSpec<O>, argv = process.argv.slice(2)): Parsed<O> {
  const outcome = readCli(spec, argv);
  if (outcome.kind === 'help') {
    process.stdout.write(`${outcome.text}\n`);
    process.exit(0);
  }
  if (outcome.kind === 'error') usageError(spec, outcome.message);
  const { kind: _, ...parsed } = outcome;
  return parsed as Parsed<O>;
}

/** A tool's own check on an argument (a number out of range): the same one line plus usage, exit 2. */
export function usageError(spec: { usage: string }, message: string): never {
  process.stderr.write(`${message}\n\n${spec.usage}\n`);
  process.exit(2);
}

/**
 * Runs a tool's main: reads .env first (the environment wins over it), and ends every failure in one line.
 * Expected errors (CliError, ConfigError, a missing or unreadable file, or those `expected` names) show no
 * stack; an unexpected one shows its message, and its stack with LOG_LEVEL=debug.
 */
export function runCli(
  name: string,
  main: (dotEnv: DotEnv | undefined) => Promise<void>,
  expected?: (error: unknown) => 1 | 2 | undefined,
) {
  // Inside the chain: an unreadable .env (a folder, no permission) is reported like any other failure.
  Promise.resolve()
    .then(() => main(loadDotEnv()))
    .catch((error: unknown) => {
      const { line, exitCode } = describeFailure(name, error, expected?.(error));
      process.stderr.write(`${line}\n`);
      process.exit(exitCode);
    });
}

function describeFailure(name: string, error: unknown, expectedCode: 1 | 2 | undefined) {
  const message = error instanceof Error ? error.message : String(error);
  if (expectedCode !== undefined) return { line: message, exitCode: expectedCode };
  if (error instanceof CliError) return { line: message, exitCode: error.exitCode };
  if (error instanceof ConfigError) return { line: message, exitCode: 2 };
  const fileProblem = fileErrorLine(error);
  if (fileProblem) return { line: fileProblem, exitCode: 1 };
  const debug = ['debug', 'trace'].includes(process.env.LOG_LEVEL ?? '');
  const stack = debug && error instanceof Error && error.stack ? `\n${error.stack}` : '';
  const hint = debug ? '' : ' (LOG_LEVEL=debug shows the stack)';
  return { line: `${name} failed: ${message}${hint}${stack}`, exitCode: 1 };
}

const fileErrors: Record<string, string> = {
  ENOENT: 'no such file or folder',
  EACCES: 'permission denied',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'not a folder',
};

function fileErrorLine(error: unknown): string | undefined {
  const { code, path } = error as { code?: unknown; path?: unknown };
  if (typeof code !== 'string' || typeof path !== 'string') return undefined;
  const what = fileErrors[code];
  return what ? `${path}: ${what}` : undefined;
}
