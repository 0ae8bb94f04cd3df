import type { CatalogIndex } from '../catalog/index.ts';
import type { Incident } from '../incident/schema.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { Track } from '../incident/status-machine.ts';
import type { RawFinding } from '../findings.ts';

/** A finding as a rule reports it: the checker adds the rule's code. */
export type Report = Omit<RawFinding, 'code'>;

/** A report of a cross-file rule: it names its file and line itself. */
export type LocatedReport = Report & { file: string; position: { line: number; column: number } };

/** What a single-file rule sees: one schema-valid incident and its surroundings. */
export interface FileRuleContext {
  incident: Incident;
  /** Path relative to the repository root, forward slashes. */
  file: string;
  /** Whole file text (for rules that scan the body too). */
  text: string;
  catalog: CatalogIndex;
  /** Epoch ms; the checker's notion of now. */
  now: number;
  /** Postmortem documents by repository path; rules about them are skipped when not given. */
  documents?: ReadonlyMap<string, string>;
  /** The SLA engine's ledger; notification breaches are judged only when given. */
  ledger?: Ledger;
}

export type FileRule = (ctx: FileRuleContext) => Report[];

/**
 * What a cross-file rule sees: every file checked in this run and what the
 * checker was told about the rest of the repository and the base version.
 * (The checker's options fit this shape; it is spelt out here so the rules
 * do not depend on the checker.)
 */
export interface RunContext {
  files: readonly { file: string; id?: string; related?: { ids: string[]; line: number } }[];
  /** Postmortem documents by path. */
  documents?: ReadonlyMap<string, string>;
  /** Every incident id in the repository, when only some files are checked. */
  knownIds?: ReadonlySet<string>;
  /** Incident files not re-checked in this run, known by name only. */
  unchecked?: readonly string[];
  /** Entries under incidents/ or ledger/ that are not incident (ledger) files, found while listing them. */
  strays?: readonly { file: string; code: string; message: string }[];
  base?: {
    deleted: readonly string[];
    renamed: readonly { from: string; to: string }[];
    ledgerChanged?: readonly { file: string; change: 'modified' | 'deleted' | 'renamed' }[];
    ledgerAdded?: readonly { file: string; text: string }[];
  };
}

/** A report at the top of a file: cross-file rules speak about whole files. */
export function atFile(file: string, report: Omit<Report, 'position' | 'file'>): LocatedReport {
  return { ...report, file, position: { line: 1, column: 1 } };
}

/** The strays the listing found under one code, reported as they are. */
export function straysOf(run: RunContext, code: string): LocatedReport[] {
  return (run.strays ?? []).filter((s) => s.code === code).map((s) => atFile(s.file, { path: [], message: s.message }));
}

/** The status track an incident's updates follow. */
export const trackOf = (type: string): Track => (type === 'maintenance' ? 'maintenance' : 'incident');

/** Clock skew allowed between a laptop and the checker before a time counts as "in the future". */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
