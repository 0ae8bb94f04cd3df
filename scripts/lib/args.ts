/**
 * The one argument reader for entry points: typed flags (node:util parseArgs),
 * `--help` prints the usage and exits 0, and every usage mistake is one line
 * on stderr with exit 2 — never a stack trace. A flag that takes a value and
 * is given an empty one (`--base ''`, `--base=`) is such a mistake: it is
 * nearly always an unset variable in a workflow, and read as "not given" it
 * would silently change what runs.
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { RefError } from '../../src/adapters/git.ts';
import { UserError } from '../../src/core/errors.ts';
import { parseInstant } from '../../src/core/time.ts';

/** `allowEmpty`: for a caller that reads an empty value as "not given" on purpose (the incident CLI then asks for it). */
export function readArgs<O extends ParseArgsOptionsConfig>(
  options: O,
  usage: string | (() => string),
  argv: string[] = process.argv.slice(2),
  { allowEmpty = false }: { allowEmpty?: boolean } = {},
) {
  const text = () => (typeof usage === 'string' ? usage : usage());
  const config = { args: argv, allowPositionals: true, strict: true, options } as const;
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${text()}\n`);
    process.exit(0);
  }
  let parsed;
  try {
    parsed = parseArgs(config);
  } catch (err) {
    // node's messages run on with advice about "--"; the first sentence is the point.
    throw usageError(((err as Error).message.split(/\.\s/)[0] ?? '').replace(/\.$/, ''), text());
  }
  // parseArgs keeps the last of a repeated flag; "--message-en a --message-en b" is a slip, never a choice to guess.
  const seen = new Set<string>();
  for (const token of parseArgs({ ...config, tokens: true }).tokens) {
    if (token.kind !== 'option') continue;
    if (!allowEmpty && token.value === '' && options[token.name]?.type === 'string')
      throw usageError(emptyFlag(token.name), text());
    if (options[token.name]?.multiple) continue;
    if (seen.has(token.name)) throw usageError(`--${token.name} is given more than once; give it once`, text());
    seen.add(token.name);
  }
  return parsed;
}

/** A usage mistake: one line, the usage's first line for orientation, exit 2. */
export function usageError(message: string, usage: string): UserError {
  const first = usage.split('\n')[0]!.replace(/^usage:\s*/, '');
  return new UserError(`${message} (usage: ${first}; --help for more)`, 2);
}

/** A flag with a fixed set of values. */
export function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  choices: readonly T[],
  usage?: string,
): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) {
    const message = `--${flag} ${value}: expected one of ${choices.join(', ')}`;
    throw usage ? usageError(message, usage) : new UserError(message, 2);
  }
  return value as T;
}

/** A whole-number flag (a count, a number of seconds, a port): digits only, within `min`..`max`, or a one-line refusal. */
export function countFlag(
  flag: string,
  value: string | undefined,
  { min = 0, max = 999_999_999 }: { min?: number; max?: number } = {},
): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max)
    throw new UserError(`--${flag} ${JSON.stringify(value)}: expected a whole number from ${min} to ${max}`, 2);
  return Number(value);
}

const emptyFlag = (flag: string) => `--${flag} is empty; give it a value (an unset variable?)`;

/**
 * The one check of a time flag (--now, --at, --detected-at, …): RFC 3339
 * with an offset, or a one-line refusal in one wording for every script.
 * Empty is refused too, unless the caller reads it as "not given" on
 * purpose (`allowEmpty`: a prompted flag whose empty answer means "now").
 */
export function timeFlag(
  flag: string,
  value: string | undefined,
  { allowEmpty = false }: { allowEmpty?: boolean } = {},
): string | undefined {
  if (value === undefined) return undefined;
  if (value === '') {
    if (allowEmpty) return undefined;
    throw new UserError(emptyFlag(flag), 2);
  }
  if (parseInstant(value) === undefined)
    throw new UserError(
      `--${flag} ${JSON.stringify(value)}: not a time; write RFC 3339 with an offset, e.g. 2026-11-27T10:00:00+09:00`,
      2,
    );
  return value;
}

/** The instant a command considers "now": --now if given (tests, audits), else the clock. */
export function resolveNow(flag: string | undefined): number {
  const value = timeFlag('now', flag);
  return value === undefined ? Date.now() : parseInstant(value)!;
}

/**
 * Runs `run` and words a ref the adapters could not use (RefError) with the
 * flag the user gave it: `notify --after nope` says "--after nope", never a
 * flag of another script. `flags` maps flag names to the refs they carry.
 */
export async function namingRefs<T>(flags: Record<string, string | undefined>, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!(err instanceof RefError)) throw err;
    const flag = Object.keys(flags).find((f) => flags[f] === err.ref);
    throw new UserError(flag ? `--${flag} ${err.ref}: ${err.problem}` : err.message, err.exitCode);
  }
}
