/**
 * Typed questions on top of the prompter: a flag's value, else an answer,
 * else the default. Choices come back as their own type (checked, not cast).
 */
import type { CatalogIndex } from '../../src/core/catalog/index.ts';
import { UserError } from '../../src/core/errors.ts';
import { COMPONENT_IMPACTS, type ComponentImpact } from '../../src/core/incident/schema.ts';
import type { Bilingual } from '../../src/core/schema-parts.ts';
import type { AskOptions, Prompter } from '../lib/prompter.ts';
import { oneOf, timeFlag } from '../lib/args.ts';
import type { Flags } from './command.ts';

export function questions(ask: Prompter, flags: Flags) {
  const maybe = (flag: string, question: string, options?: AskOptions) => ask.value(flag, flags, question, options);
  const need = async (flag: string, question: string, options?: AskOptions): Promise<string> => {
    const value = await maybe(flag, question, options);
    // The prompter only returns nothing for an optional question or one with a default.
    if (value === undefined) throw new UserError(`missing --${flag} (${question.toLowerCase()})`, 2);
    return value;
  };
  const pick = <T extends string>(flag: string, value: string, choices: readonly T[]): T =>
    oneOf(flag, value, choices)!;
  const bilingual = async (name: string, what: string, optional: boolean): Promise<Bilingual | undefined> => {
    const ja = await maybe(`${name}-ja`, `${what} (Japanese)`, { optional });
    const en = await maybe(`${name}-en`, `${what} (English)`, { optional });
    if (!ja && !en) return undefined;
    if (!ja || !en)
      throw new UserError(`give both --${name}-ja and --${name}-en: the site and e-mails are bilingual`, 2);
    return { ja, en };
  };
  return {
    /** An optional value: the flag, an answer, or undefined. */
    maybe,
    /** A value the command cannot do without. */
    need,
    /** One of `choices`, asked with them listed. */
    choice: async <T extends string>(
      flag: string,
      question: string,
      choices: readonly T[],
      options: { default?: T } = {},
    ): Promise<T> => pick(flag, await need(flag, question, { choices, ...options }), choices),
    optionalChoice: async <T extends string>(
      flag: string,
      question: string,
      choices: readonly T[],
    ): Promise<T | undefined> => {
      const value = await maybe(flag, question, { optional: true, choices });
      return value === undefined ? undefined : pick(flag, value, choices);
    },
    /** An RFC 3339 time; empty means undefined (the command's default). */
    time: async (flag: string, question: string, optional: boolean): Promise<string | undefined> =>
      timeFlag(flag, await maybe(flag, question, { optional }), { allowEmpty: true }),
    neededTime: async (flag: string, question: string): Promise<string> => {
      const value = timeFlag(flag, await need(flag, question), { allowEmpty: true });
      if (value === undefined) throw new UserError(`missing --${flag} (${question.toLowerCase()})`, 2);
      return value;
    },
    /** Both languages, or a usage error naming the missing one. */
    bilingual: async (name: string, what: string): Promise<Bilingual> => {
      const value = await bilingual(name, what, false);
      if (!value) throw new UserError(`missing --${name}-ja (${what.toLowerCase()} (japanese))`, 2);
      return value;
    },
    optionalBilingual: (name: string, what: string) => bilingual(name, what, true),
  };
}

/** `--components id[:status],…`: each component with its impact (the default when none is written). */
/**
 * Who owns a new incident or maintenance, asked in the same order by both: the
 * department (of those serving the service), its manager (empty: the
 * department's own) and the responder.
 */
export async function askOwners(q: ReturnType<typeof questions>, catalog: CatalogIndex, service: string) {
  const departments = catalog.catalog.departments.filter((d) => d.services.includes(service)).map((d) => d.id);
  const department = await q.choice('department', 'Responsible department', departments);
  const manager = await q.maybe('manager', 'Manager (empty for the department default)', { optional: true });
  const responder = await q.need('responder', 'Responder (GitHub login)');
  return { department, manager, responder };
}

export function parseComponents(
  text: string,
  defaultStatus: ComponentImpact,
): { id: string; status: ComponentImpact }[] {
  return list(text).map((entry) => {
    const [id = '', written] = entry.split(':');
    const status = written === undefined ? defaultStatus : COMPONENT_IMPACTS.find((c) => c === written);
    if (status === undefined)
      throw new UserError(`--components ${entry}: status must be one of ${COMPONENT_IMPACTS.join(', ')}`, 2);
    return { id, status };
  });
}

export function list(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
