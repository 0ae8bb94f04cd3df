/** What every check reports: a located, explained finding. */

/** How much a finding blocks: an error fails the check, a warning does not. */
export type Severity = 'error' | 'warning';

/**
 * A rule's code. The rules are the list in rules/index.ts (this file stays
 * below them, so it names only the code's shape); a finding under any other
 * code is refused when it is explained (ruleDoc), and a test reads the code
 * literals written outside the rules against the list.
 */
export type RuleCode = `INC${number}`;

/** A path into the front-matter data, e.g. ["updates", 2, "at"]. */
export type DataPath = readonly (string | number)[];

/** What a rule reports before it is located in the file. */
export interface RawFinding {
  code: RuleCode;
  /** Where in the data; resolved to a line and column. */
  path: DataPath;
  message: string;
  /** Overrides the rule's default severity (rare). */
  severity?: Severity;
  /** Line/column when known without the data path (YAML syntax errors). */
  position?: { line: number; column: number };
  /** Reported in another file (a postmortem document) at `position`. */
  file?: string;
}

/** The checker's output contract (also the JSON format's element). */
export interface Finding {
  file: string;
  line: number;
  column: number;
  code: RuleCode;
  severity: Severity;
  message: string;
  hint: string;
}

export function formatDataPath(path: DataPath): string {
  return path.reduce<string>(
    (acc, seg) => (typeof seg === 'number' ? `${acc}[${seg}]` : acc ? `${acc}.${seg}` : seg),
    '',
  );
}

/** Parses "updates[2].message.en" back into a path; undefined when malformed. */
export function parseDataPath(text: string): DataPath | undefined {
  if (!/^[A-Za-z_][\w-]*(?:\[\d+\]|\.[A-Za-z_][\w-]*)*$/.test(text)) return undefined;
  const path: (string | number)[] = [];
  for (const m of text.matchAll(/([A-Za-z_][\w-]*)|\[(\d+)\]/g)) path.push(m[1] ?? Number(m[2]));
  return path;
}

export function compareFindings(a: Finding, b: Finding): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.code.localeCompare(b.code);
}
