/**
 * The clock before the merge: candidate incidents (open intake drafts) are
 * planned like incidents, but only their warnings, under the same ledger keys
 * the merged incident will use, so the warning is sent once whether it falls
 * before or after the merge. Nothing customer-facing is planned for a
 * candidate: merging is the acknowledgement. A dismissed candidate plans
 * nothing (its clock stopped).
 */
import type { CatalogIndex } from '../catalog/index.ts';
import { formatJst } from '../i18n/format.ts';
import type { Incident } from '../incident/schema.ts';
import { intakeKeys, type OpenCandidate } from '../intake/candidate.ts';
import { evaluateSla, type TargetFigures } from '../sla/clock.ts';
import type { Action } from './actions.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { DEFAULT_PLAN_OPTIONS, planActions, type PlanOptions } from './plan.ts';

/** The candidate as the engine sees it: its file, with the responder the pull request is assigned to. */
export function candidateIncident(c: OpenCandidate): Incident | undefined {
  if (!c.incident) return undefined;
  const assignee = c.assignees[0];
  return assignee && assignee !== c.incident.responder ? { ...c.incident, responder: assignee } : c.incident;
}

/** Candidates whose clocks run: valid file, not merged yet, not dismissed. */
export function runningCandidates(
  candidates: readonly OpenCandidate[],
  merged: readonly Incident[],
  ledger: Ledger,
): { candidate: OpenCandidate; incident: Incident }[] {
  const mergedIds = new Set(merged.map((i) => i.id));
  return candidates.flatMap((candidate) => {
    const incident = candidateIncident(candidate);
    return incident && !mergedIds.has(incident.id) && !ledger.has(intakeKeys.dismissed(incident.id))
      ? [{ candidate, incident }]
      : [];
  });
}

export function planCandidates(
  candidates: readonly OpenCandidate[],
  merged: readonly Incident[],
  catalog: CatalogIndex,
  ledger: Ledger,
  now: number,
  options: PlanOptions = DEFAULT_PLAN_OPTIONS,
): Action[] {
  return runningCandidates(candidates, merged, ledger).flatMap(({ candidate, incident }) =>
    planActions([incident], catalog, ledger, now, options)
      .filter((a) => a.kind === 'warning')
      .map((a) => ({ ...a, reason: `candidate #${candidate.pr}, not merged yet: ${a.reason}` })),
  );
}

/** The dashboard's list of candidates and their clocks. */
export function candidatesSection(
  candidates: readonly OpenCandidate[],
  merged: readonly Incident[],
  catalog: CatalogIndex,
  ledger: Ledger,
  now: number,
): string {
  const running = runningCandidates(candidates, merged, ledger);
  const figures = (t: TargetFigures | undefined) =>
    t ? `${t.state}${t.state === 'running' ? ` (${t.leftMinutes} min left)` : ''}, by ${formatJst(t.by, 'en')}` : '-';
  const rows = running.map(({ candidate, incident }) => {
    const service = catalog.service(incident.service);
    const sla = service ? evaluateSla(incident, service, now) : undefined;
    return `| #${candidate.pr} | ${incident.id}${incident.related?.length ? ` (related: ${incident.related.join(', ')})` : ''} | ${incident.detection?.source ?? '-'} | ${figures(sla?.notify)} | ${figures(sla?.recover)} | @${incident.manager} · @${incident.responder} |`;
  });
  return [
    '',
    '### Candidates (draft incidents not merged yet; their clocks run)',
    '',
    '| draft | incident | source | notification | recovery | manager · responder |',
    '|---|---|---|---|---|---|',
    ...(rows.length ? rows : ['| (none) | | | | | |']),
  ].join('\n');
}
