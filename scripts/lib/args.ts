/**
 * The one argument reader for entry points: typed flags (node:util parseArgs),
 * `--help` prints the usage and exits 0, and every usage mistake is one line
 * on stderr with exit 2 — never a stack trace. A flag that takes a value and
 * is given an empty one (`--base ''`, `--base=`) is such a mistake: it is
 * nearly always an unset variable in a workflow, and read as "not given" it
 * would silently change what runs.
 */
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { UserError } from '../../src/core/errors.ts';
import { datetimeProblem } from '../../src/core/time.ts';

/** `allowEmpty`: for a caller that reads an empty value as "not given" on purpose (the incident CLI then asks for it). */
export function readArgs<O extends ParseArgsOptionsConfig>(options: O, usage: string | (() => string), argv: string[] = process.argv.slice(2), { allowEmpty = false }: { allowEmpty?: boolean } = {}) {
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
    if (!allowEmpty && token.value === '' && options[token.name]?.type === 'string') throw usageError(`--${token.name} is empty; give it a value (an unset variable?)`, text());
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
export function oneOf<T extends string>(flag: string, value: string | undefined, choices: readonly T[], usage?: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(choices as readonly string[]).includes(value)) {
    const message = `--${flag} ${value}: expected one of ${choices.join(', ')}`;
    throw usage ? usageError(message, usage) : new UserError(message, 2);
  }
  return value as T;
}

/** A time flag: RFC 3339 with an offset, or a one-line refusal. */
export function timeFlag(flag: string, value: string | undefined): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (datetimeProblem(value)) throw new UserError(`--${flag} ${JSON.stringify(value)}: not a time; write RFC 3339 with an offset, e.g. 2026-11-27T10:00:00+09:00`, 2);
  return value;
}
