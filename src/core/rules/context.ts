import type { CatalogIndex } from '../catalog/index.ts';
import type { RawFinding } from '../findings.ts';
import type { Incident } from '../incident/schema.ts';
import type { Ledger } from '../engine/ledger.ts';

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

export type FileRule = (ctx: FileRuleContext) => RawFinding[];

/** Clock skew allowed between a laptop and the checker before a time counts as "in the future". */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
