/**
 * Gets a value from a flag, else (interactively) from a prompt with the
 * default shown, else from the default, else fails with the flag to pass.
 * Interactive means a TTY, or --interactive (answers piped on stdin).
 */
import { createInterface } from 'node:readline';
import { UserError } from '../../src/core/errors.ts';

export interface AskOptions {
  default?: string;
  choices?: readonly string[];
  optional?: boolean;
}

export interface Prompter {
  value(
    flag: string,
    flags: Record<string, unknown>,
    question: string,
    options?: AskOptions,
  ): Promise<string | undefined>;
  close(): void;
}

export function createPrompter(interactive: boolean): Prompter {
  const rl = interactive ? createInterface({ input: process.stdin, terminal: process.stdin.isTTY }) : undefined;
  const lines = rl?.[Symbol.asyncIterator]();
  return {
    async value(flag, flags, question, options = {}) {
      const given = flags[flag];
      if (typeof given === 'string' && given !== '') return check(flag, given, options.choices);
      if (!lines) {
        if (options.default !== undefined || options.optional) return options.default;
        throw new UserError(`missing --${flag} (${question.toLowerCase()})`, 2);
      }
      for (;;) {
        const hint = options.choices ? ` [${options.choices.join('/')}]` : '';
        const def = options.default !== undefined ? ` (${options.default})` : options.optional ? ' (optional)' : '';
        process.stderr.write(`? ${question}${hint}${def}: `);
        const next = await lines.next();
        if (next.done) throw new UserError(`no answer for --${flag}`, 2);
        const answer = String(next.value).trim();
        if (!process.stdin.isTTY) process.stderr.write('\n');
        if (answer === '' && (options.default !== undefined || options.optional)) return options.default;
        if (answer === '') continue;
        if (options.choices && !options.choices.includes(answer)) {
          process.stderr.write(`  choose one of: ${options.choices.join(', ')}\n`);
          continue;
        }
        return answer;
      }
    },
    close() {
      rl?.close();
    },
  };
}

function check(flag: string, value: string, choices?: readonly string[]): string {
  if (choices && !choices.includes(value))
    throw new UserError(`--${flag} ${value}: expected one of ${choices.join(', ')}`, 2);
  return value;
}
