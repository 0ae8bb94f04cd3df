/** INC060–INC064: an incident is complete only when resolved, reviewed and its prevention done. */
import type { RawFinding } from '../findings.ts';
import { isFinished, postmortemReasons, POSTMORTEM_REASON_TEXT } from '../incident/lifecycle.ts';
import { endOfJstDayMs } from '../time.ts';
import type { FileRule } from './context.ts';

export const closedOnlyWhenComplete: FileRule = ({ incident, catalog, now, ledger }) => {
  if (!incident.closed_at) return [];
  const findings: RawFinding[] = [];
  if (!isFinished(incident)) {
    findings.push({ code: 'INC060', path: ['closed_at'], message: `closed_at is set but the latest status is "${incident.updates.at(-1)?.status}"; resolve it first` });
  }
  const reasons = postmortemReasons(incident, catalog.service(incident.service), now, ledger);
  if (reasons.length && incident.postmortem?.status !== 'approved') {
    findings.push({ code: 'INC060', path: ['closed_at'], message: `closed before its postmortem was approved; a postmortem is required because ${reasons.map((r) => POSTMORTEM_REASON_TEXT[r]).join(' and ')}` });
  }
  (incident.prevention ?? []).forEach((a, i) => {
    if (a.status === 'open' || a.status === 'in_progress') {
      findings.push({ code: 'INC060', path: ['prevention', i, 'status'], message: `closed while prevention action ${a.id} is ${a.status}; finish it or accept the risk` });
    }
  });
  return findings;
};

export const postmortemApprovalComplete: FileRule = ({ incident }) => {
  const pm = incident.postmortem;
  if (!pm) return [];
  if (pm.status === 'approved') {
    const findings: RawFinding[] = [];
    if (!pm.approvers?.length) findings.push({ code: 'INC061', path: ['postmortem', 'status'], message: 'postmortem is approved but names no approvers' });
    if (!pm.approved_at) findings.push({ code: 'INC061', path: ['postmortem', 'status'], message: 'postmortem is approved but approved_at is missing' });
    if (!pm.summary) findings.push({ code: 'INC061', path: ['postmortem', 'status'], message: 'an approved postmortem needs its public summary (postmortem.summary, ja and en)' });
    return findings;
  }
  return pm.approvers?.length || pm.approved_at
    ? [{ code: 'INC061', path: ['postmortem', pm.approvers?.length ? 'approvers' : 'approved_at'], message: `postmortem is ${pm.status} but records an approval; set status: approved with the approval, or remove it` }]
    : [];
};

export const preventionNotOverdue: FileRule = ({ incident, now }) =>
  (incident.prevention ?? []).flatMap((a, i) =>
    (a.status === 'open' || a.status === 'in_progress') && endOfJstDayMs(a.due) < now
      ? [{ code: 'INC062' as const, path: ['prevention', i, 'due'], message: `prevention action ${a.id} (${a.owner}) was due ${a.due} and is still ${a.status}` }]
      : [],
  );

export const riskAcceptedHasOwner: FileRule = ({ incident }) =>
  (incident.prevention ?? []).flatMap((a, i) =>
    a.status === 'risk_accepted' && !a.accepted_by
      ? [{ code: 'INC063' as const, path: ['prevention', i, 'status'], message: `prevention action ${a.id} is risk_accepted but accepted_by is missing` }]
      : [],
  );

export const postmortemWhenRequired: FileRule = ({ incident, catalog, now, ledger }) => {
  if (!isFinished(incident) || incident.postmortem || incident.closed_at) return [];
  const reasons = postmortemReasons(incident, catalog.service(incident.service), now, ledger);
  if (!reasons.length) return [];
  // While the incident is being reviewed, a missing postmortem is a reminder, not a blocker; INC060 blocks the closure.
  return [{ code: 'INC064', severity: 'warning', path: ['updates', incident.updates.length - 1, 'status'], message: `a postmortem is required because ${reasons.map((r) => POSTMORTEM_REASON_TEXT[r]).join(' and ')}; none is recorded yet` }];
};
