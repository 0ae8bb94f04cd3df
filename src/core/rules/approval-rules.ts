/**
 * INC110–INC113: a postmortem approval is a fact proven by reviews on a pull
 * request, not a field anyone can write. The checker cannot see GitHub, but it
 * knows who may approve (the catalog's roles, one distinct person each), when
 * (after resolution), that corrections never touch an approval, and that an
 * approved document is frozen until it is approved again. So a fabricated
 * approval pushed straight to main fails the recheck there too.
 */
import { deepEqual } from '../data-path.ts';
import { parseDataPath, type RawFinding } from '../findings.ts';
import type { Incident } from '../incident/schema.ts';
import { reopenIndexes } from '../incident/status-machine.ts';
import { assignRoles, isReapproval, requiredRoles } from '../review/approval.ts';
import { toMs } from '../time.ts';
import type { FileRule } from './context.ts';

/** Postmortem fields that make up the approval; no correction may change them. */
const APPROVAL_FIELDS = ['status', 'approvers', 'approved_at', 'document'];

export const approvalNotCorrected: FileRule = ({ incident }) =>
  (incident.corrections ?? []).flatMap((c, i) => {
    const path = parseDataPath(c.field);
    // The summary is what the approvers approved (and what the page shows): frozen with the approval.
    const summary = path?.[1] === 'summary' && incident.postmortem?.status === 'approved';
    const hit = path?.[0] === 'postmortem' && (path.length === 1 || APPROVAL_FIELDS.includes(String(path[1])) || summary);
    return hit
      ? [{ code: 'INC110' as const, path: ['corrections', i, 'field'], message: `correction ${i + 1} changes ${c.field}; an approval is proven by reviews on a pull request and is never corrected` }]
      : [];
  });

export const approversFillRoles: FileRule = ({ incident, catalog }) => {
  const pm = incident.postmortem;
  if (pm?.status !== 'approved' || !pm.approvers?.length) return [];
  const roles = requiredRoles(incident, catalog.catalog);
  const findings: RawFinding[] = [];
  const eligible = new Set(roles.flatMap((r) => r.candidates.map((c) => c.toLowerCase())));
  const who = incident.type === 'security' ? `a manager of ${incident.department}, a service owner of ${incident.service} or a security officer` : `a manager of ${incident.department} or a service owner of ${incident.service}`;
  pm.approvers.forEach((a, i) => {
    if (!eligible.has(a.toLowerCase())) findings.push({ code: 'INC112', path: ['postmortem', 'approvers', i], message: `approver ${a} is not ${who} in config/catalog.yaml; only those roles approve this postmortem` });
  });
  const unfilled = roles.filter((r) => !r.candidates.some((c) => pm.approvers!.some((a) => a.toLowerCase() === c.toLowerCase())));
  for (const r of unfilled) {
    findings.push({ code: 'INC112', path: ['postmortem', 'approvers'], message: `no approver fills the ${r.role} role (one of ${r.candidates.join(', ') || 'none in the catalog'})` });
  }
  const seen = new Set<string>();
  pm.approvers.forEach((a, i) => {
    if (seen.has(a.toLowerCase())) findings.push({ code: 'INC112', path: ['postmortem', 'approvers', i], message: `approver ${a} is listed twice (logins are case-insensitive); each approver is one distinct person, listed once` });
    seen.add(a.toLowerCase());
  });
  if (!unfilled.length && !assignRoles(roles, pm.approvers)) {
    findings.push({
      code: 'INC112',
      path: ['postmortem', 'approvers'],
      message: `[${pm.approvers.join(', ')}] cannot fill the ${roles.map((r) => r.role).join(', ')} roles with distinct people; one person never fills two roles`,
    });
  }
  return findings;
};

/**
 * Measured against the first resolution: a later reopen must not make a live
 * update (or the fast lane) fail on an approval given before it. But closing
 * is another matter: a reopen after the approval withdraws it (the approved
 * postmortem never covered the reopen), so a closed incident needs an
 * approval given after its last resolution.
 */
export const approvalAfterResolution: FileRule = ({ incident }) => {
  const pm = incident.postmortem;
  if (pm?.status !== 'approved' || !pm.approved_at) return [];
  const resolved = incident.updates.find((u) => u.status === 'resolved' || u.status === 'completed');
  if (!resolved) {
    return [{ code: 'INC113', path: ['postmortem', 'approved_at'], message: `the postmortem is approved (${pm.approved_at}) but the incident was never resolved; a postmortem is approved after the incident is resolved` }];
  }
  if (toMs(pm.approved_at) < toMs(resolved.at)) {
    return [{ code: 'INC113', path: ['postmortem', 'approved_at'], message: `approved_at ${pm.approved_at} is before the incident was resolved (${resolved.at}); a postmortem is approved after the incident is resolved` }];
  }
  if (incident.closed_at) {
    const approvedAt = toMs(pm.approved_at);
    const reopen = reopenIndexes(incident.updates.map((u) => u.status)).map((i) => incident.updates[i]!).find((u) => toMs(u.at) > approvedAt);
    const lastResolution = incident.updates.findLast((u) => u.status === 'resolved' || u.status === 'completed')!;
    if (reopen && approvedAt < toMs(lastResolution.at)) {
      return [
        {
          code: 'INC113',
          path: ['postmortem', 'approved_at'],
          message: `the incident was reopened at ${reopen.at}, after the postmortem was approved (${pm.approved_at}); a reopen withdraws the approval, so it does not close the incident: cover the reopen in the postmortem and approve it again after the last resolution (${lastResolution.at}), proven on the pull request, then close`,
        },
      ];
    }
  }
  return [];
};

const approvalOf = (i: Incident) => ({ approvers: i.postmortem?.approvers ?? [], approved_at: i.postmortem?.approved_at, document: i.postmortem?.document, summary: i.postmortem?.summary });

/**
 * INC111: an approved postmortem is frozen against the base. Its approval
 * (approvers, approved_at, document) changes only with a new approval (a later
 * approved_at), which the pull request must prove again. Withdrawing it (back
 * to in_review) is allowed: the next approval is proven again.
 */
export function approvalRewritten(base: Incident, head: Incident): RawFinding[] {
  if (!frozen(base, head) || deepEqual(approvalOf(base), approvalOf(head))) return [];
  return [{ code: 'INC111', path: ['postmortem'], message: `the approval of this postmortem (${base.postmortem?.approved_at}) was rewritten (approvers, approved_at, document or summary) without a new approval; keep it, or record a new approval with a later approved_at and have it approved on the pull request` }];
}

/** INC111 for the document: an approved postmortem's document changes only with a new approval. */
export function approvedDocumentFrozen(
  base: Incident,
  head: Incident,
  baseDocuments: ReadonlyMap<string, Uint8Array | string>,
  headDocuments: ReadonlyMap<string, string> | undefined,
): RawFinding[] {
  const document = base.postmortem?.document;
  if (!frozen(base, head) || !document || !baseDocuments.has(document)) return [];
  const was = baseDocuments.get(document)!;
  const now = headDocuments?.get(document);
  if ((typeof was === 'string' ? was : new TextDecoder().decode(was)) === now) return [];
  return [
    {
      code: 'INC111',
      file: document,
      position: { line: 1, column: 1 },
      path: [],
      message: `${document} was ${now === undefined ? 'removed' : 'changed'} after its approval on ${base.postmortem?.approved_at}; an approved postmortem is frozen until it is approved again (a later approved_at, proven on the pull request)`,
    },
  ];
}

function frozen(base: Incident, head: Incident): boolean {
  return base.postmortem?.status === 'approved' && head.postmortem?.status === 'approved' && !isReapproval(base, head);
}
