/**
 * A pull request's check costs what the PR changed: the incident files added,
 * modified or renamed since the merge-base (and those whose postmortem
 * document changed) are parsed and checked; the rest were checked when they
 * merged and are only seen by name by the rules that span files (duplicate
 * ids; deletions, renames and the ledger come from the diff itself). Only the
 * changed postmortem documents are scanned for addresses. A change to what
 * judges every file — the catalog, the checker's schema, rules or code, the
 * packages it runs on — can invalidate any file, so it checks everything.
 */
import type { BaseSnapshot } from './check-incidents.ts';
import { incidentIdOf } from '../incident/paths.ts';

/** Paths (a trailing slash: everything under it) whose change since the base re-checks every file. */
export const CHECK_INPUTS = ['config/', 'src/core/', 'src/adapters/', 'scripts/check.ts', 'scripts/lib/', 'package.json', 'package-lock.json'] as const;

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
  if (inputs.length) return { full: true, reason: `${inputs.slice(0, 3).join(', ')}${inputs.length > 3 ? ` and ${inputs.length - 3} more` : ''} changed since the merge-base, and the catalog and the checker judge every incident file` };
  const changed = new Set(base.changed);
  const documentIds = new Set((base.documentsChanged ?? []).map(incidentIdOf));
  const check: string[] = [];
  const unchecked: string[] = [];
  for (const p of allPaths) (changed.has(p) || documentIds.has(incidentIdOf(p)) ? check : unchecked).push(p);
  return { full: false, scope: { check, unchecked, documents: [...(base.documentsChanged ?? [])] } };
}
