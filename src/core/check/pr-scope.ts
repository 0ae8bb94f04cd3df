/**
 * A pull request's check costs what the PR changed: the incident files added,
 * modified or renamed since the merge-base (and those whose postmortem
 * document, or whose lines in the ledger, changed) are parsed and checked; the rest were checked when they
 * merged and are only seen by name by the rules that span files (duplicate
 * ids; deletions, renames and the ledger come from the diff itself). Only the
 * changed postmortem documents are scanned for addresses. A change to what
 * judges every file — the catalog, the checker's schema, rules or code, the
 * packages it runs on — can invalidate any file, so it checks everything.
 */
import type { BaseSnapshot } from './check-incidents.ts';
import { incidentIdOf } from '../incident/paths.ts';

/** Paths (a trailing slash: everything under it) whose change since the base re-checks every file. */
export const CHECK_INPUTS = [
  'config/',
  'src/core/',
  'src/adapters/',
  'scripts/check.ts',
  'scripts/lib/',
  'package.json',
  'package-lock.json',
] as const;

export interface PrScope {
  check: string[];
  unchecked: string[];
  /** Postmortem documents changed since the base: the only ones whose text is scanned again. */
  documents: string[];
}

export type PrScopeResult = { full: false; scope: PrScope } | { full: true; reason: string };

export function prScope(allPaths: readonly string[], base: BaseSnapshot): PrScopeResult {
  if (!base.changed) return { full: true, reason: 'the base snapshot does not say what changed' };
  const inputs = base.checkerChanged ?? [];
  if (inputs.length)
    return {
      full: true,
      reason: `${inputs.slice(0, 3).join(', ')}${inputs.length > 3 ? ` and ${inputs.length - 3} more` : ''} changed since the merge-base, and the catalog and the checker judge every incident file`,
    };
  // A changed document's incidents are those naming it (any path under postmortems/ may be named, and by more than one incident), not the one its file name spells.
  const changed = new Set([...base.changed, ...(base.documentIncidents ?? [])]);
  const ledgerIds = ledgerChangeIncidents(base);
  const check: string[] = [];
  const unchecked: string[] = [];
  for (const p of allPaths)
    (changed.has(p) || (ledgerIds.size > 0 && ledgerIds.has(incidentIdOf(p))) ? check : unchecked).push(p);
  return { full: false, scope: { check, unchecked, documents: [...(base.documentsChanged ?? [])] } };
}

/**
 * The incidents the PR's ledger changes are about: every line of an added
 * ledger file, and the lines a modified, renamed or deleted one lost or
 * gained. Rules that read the ledger (a breach needs a postmortem, a page
 * must have gone live…) judge those incidents differently now, so they are
 * re-checked as the full check would.
 */
export function ledgerChangeIncidents(base: Pick<BaseSnapshot, 'ledgerAdded' | 'ledgerEdits'>): Set<string> {
  const ids = new Set<string>();
  const add = (line: string) => {
    for (const id of incidentsOfLedgerLine(line)) ids.add(id);
  };
  for (const { text } of base.ledgerAdded ?? []) text.split('\n').forEach(add);
  for (const { before, after } of base.ledgerEdits ?? []) {
    const was = new Set(before.split('\n'));
    const is = new Set(after.split('\n'));
    for (const line of was) if (!is.has(line)) add(line);
    for (const line of is) if (!was.has(line)) add(line);
  }
  return ids;
}

/**
 * Which incidents a ledger line is about, as the rules look entries up: its
 * `incident`, and the id its key starts with (every key is `<id>/…`). A line
 * that is not a JSON object names none (INC096 or the ledger reader reports it).
 */
function incidentsOfLedgerLine(line: string): string[] {
  if (!line.trim()) return [];
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return [];
  }
  if (typeof json !== 'object' || json === null) return [];
  const { incident, key } = json as { incident?: unknown; key?: unknown };
  return [
    ...(typeof incident === 'string' ? [incident] : []),
    ...(typeof key === 'string' ? [key.split('/')[0]!] : []),
  ];
}
