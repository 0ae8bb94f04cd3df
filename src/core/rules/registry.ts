/**
 * The rule catalog, derived from the rule modules (index.ts). Every check
 * reports under a stable code; the code's entry says what the rule protects
 * and what right looks like. The knowledge site renders one page per entry
 * and language, and every finding's hint links to it.
 */
import { ALL_RULES } from './index.ts';
import type { Rule, RuleChecks, Severity } from './rule.ts';

export type { Severity };

export interface RuleDoc {
  code: string;
  /** Short name of the rule. */
  title: string;
  severity: Severity;
  /** Why the rule exists (policy or audit reason). */
  why: string;
  /** What a correct file looks like; shown as the hint. */
  right: string;
  /** A YAML snippet that passes the rule. */
  example?: string;
}

/** Every code the checker knows. */
export type KnownRuleCode = (typeof ALL_RULES)[number]['code'];

type Lang = 'ja' | 'en';

const docOf = (r: Rule, lang: Lang): RuleDoc => ({
  code: r.code,
  title: r.docs[lang].title,
  severity: r.severity,
  why: r.docs[lang].why,
  right: r.docs[lang].right,
  ...(r.docs.example !== undefined ? { example: r.docs.example } : {}),
});

/** The catalog in English (the checker's hints, the English site). */
export const RULES: readonly RuleDoc[] = ALL_RULES.map((r) => docOf(r, 'en'));
const RULES_JA: readonly RuleDoc[] = ALL_RULES.map((r) => docOf(r, 'ja'));

/** The catalog in the page language. */
export function rulesIn(lang: Lang): readonly RuleDoc[] {
  return lang === 'ja' ? RULES_JA : RULES;
}

const byCode = new Map<string, RuleDoc>(RULES.map((r) => [r.code, r]));

export function ruleDoc(code: string): RuleDoc {
  const doc = byCode.get(code);
  if (!doc) throw new Error(`unknown rule code ${code}`);
  return doc;
}

/** The rules that listen to one stage of the check, with their codes, in catalog order. */
export function rulesAt<K extends Exclude<keyof RuleChecks, 'reader'>>(
  stage: K,
): { code: KnownRuleCode; check: NonNullable<RuleChecks[K]> }[] {
  return ALL_RULES.flatMap((r) =>
    r.check[stage] ? [{ code: r.code, check: r.check[stage] as NonNullable<RuleChecks[K]> }] : [],
  );
}

/** The knowledge-site page that explains a rule (English pages; the Japanese one drops "/en"). */
export function ruleUrl(siteUrl: string, code: string): string {
  return `${siteUrl}/en/kb/rules/${code.toLowerCase()}/`;
}
