/** Small zod building blocks shared by the catalog and incident schemas. */
import { z } from 'zod';
import { datetimeProblem, isDateOnly } from './time.ts';

/** Text in both site languages. Both are required: the site never falls back silently. */
/** Text with at least one visible character. */
export const NonBlankSchema = z.string().regex(/\S/, 'must not be empty');

export const BilingualSchema = z.strictObject({
  /** Japanese text. */
  ja: NonBlankSchema,
  /** English text. */
  en: NonBlankSchema,
});
export type Bilingual = z.output<typeof BilingualSchema>;

/** RFC 3339 datetime with an explicit offset, e.g. "2026-11-20T10:02:00+09:00". Kept as the string written. */
export const DateTimeSchema = z.string().check((ctx) => {
  const problem = datetimeProblem(ctx.value);
  if (!problem) return;
  ctx.issues.push({
    code: 'custom',
    input: ctx.value,
    params: { rule: 'INC007', problem },
    message:
      problem === 'naive'
        ? `"${ctx.value}" has no UTC offset, so it is ambiguous`
        : problem === 'out-of-range'
          ? `"${ctx.value}" is not a real date or time`
          : `"${ctx.value}" is not an RFC 3339 datetime`,
  });
});

/** A calendar date, YYYY-MM-DD (read as a JST date). */
export const DateOnlySchema = z.string().refine(isDateOnly, { message: 'expected a date like 2026-12-01' });

/** A GitHub login: the identity used for managers, responders and approvers. */
export const LoginSchema = z
  .string()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/, 'expected a GitHub login such as "t-sato"');

/** A lowercase identifier: letters, digits and hyphens. */
export const SlugSchema = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected lowercase letters, digits and hyphens');
