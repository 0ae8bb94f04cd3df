/**
 * One checker rule, in the manner of ESLint's rules: its code, severity and
 * texts (English for the checker's hints and the English site, Japanese for
 * the Japanese site) live beside its check. A rule listens to the stages it
 * needs; it reports where and what, and the checker adds the rule's code,
 * severity and hint. The catalog is the list of rules in `index.ts`.
 */
import type { Severity } from '../findings.ts';
import type { ParsedSource } from '../frontmatter/parse-source.ts';
import type { Incident } from '../incident/schema.ts';
import type { FileRule, LocatedReport, Report, RunContext } from './context.ts';

export type { LocatedReport, Report, Severity };

/** What a rule says on a knowledge page, in one language. */
export interface RuleText {
  /** Short name of the rule. */
  title: string;
  /** Why the rule exists (policy or audit reason). */
  why: string;
  /** What a correct file looks like; the English one is the finding's hint. */
  right: string;
}

/** The stages a rule listens to; each returns what it found there. */
export interface RuleChecks {
  /** Reported while reading the file (the front-matter reader, the schema): the rule has no check of its own. */
  reader?: true;
  /** The YAML as written, on every file whose front-matter parsed (schema-valid or not). */
  source?: (src: ParsedSource) => Report[];
  /** One schema-valid incident (or one whose only fault is unknown fields). */
  file?: FileRule;
  /** The incident against its base version (the pull request's merge-base). */
  base?: (base: Incident, head: Incident) => Report[];
  /** The incident's postmortem document against its base version. */
  baseDocuments?: (
    base: Incident,
    head: Incident,
    baseDocuments: ReadonlyMap<string, Uint8Array | string>,
    headDocuments: ReadonlyMap<string, string> | undefined,
  ) => Report[];
  /** The whole run: every checked file, the base snapshot, the documents (cross-file rules). */
  run?: (run: RunContext) => LocatedReport[];
}

export interface Rule<C extends string = string> {
  code: C;
  severity: Severity;
  docs: {
    en: RuleText;
    ja: RuleText;
    /** A YAML snippet that passes the rule (shared by both languages). */
    example?: string;
  };
  check: RuleChecks;
}

/** Keeps the rule's code as a literal type, so the catalog's codes are a union. */
export function defineRule<const C extends string>(rule: Rule<C>): Rule<C> {
  return rule;
}
