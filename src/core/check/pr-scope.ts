/**
 * A pull request's check costs what the PR changed: the incident files added,
 * modified or renamed since the merge-base (and those whose postmortem
 * document changed) are parsed and checked; the rest were checked when they
 * merged and are only seen by name by the rules that span files (duplicate
 * ids; deletions, renames and the ledger come from the diff itself). A
 * catalog change can invalidate any file, so it checks everything.
 */
import type { BaseSnapshot } from './check-incidents.ts';
import { incidentIdOf } from '../incident/paths.ts';

export interface PrScope {
  check: string[];
  unchecked: string[];
}

export function prScope(allPaths: readonly string[], base: BaseSnapshot): PrScope | undefined {
  if (base.catalogChanged || !base.changed) return undefined;
  const changed = new Set(base.changed);
  const documentIds = new Set((base.documentsChanged ?? []).map(incidentIdOf));
  const check: string[] = [];
  const unchecked: string[] = [];
  for (const p of allPaths) (changed.has(p) || documentIds.has(incidentIdOf(p)) ? check : unchecked).push(p);
  return { check, unchecked };
}
