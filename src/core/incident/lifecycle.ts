/**
 * Facts derived from an incident's data, never typed twice: its lifecycle
 * stage, whether a postmortem is required and why.
 */
import type { Service } from '../catalog/schema.ts';
import { keys, type Ledger } from '../ledger/ledger.ts';
import { evaluateSla } from '../sla/clock.ts';
import { notifiedOf } from '../sla/notified.ts';
import type { Incident, UpdateStatus } from './schema.ts';
import { reopenIndexes } from './status-machine.ts';

export type Stage = 'open' | 'resolved' | 'review' | 'closed';

export function latestStatus(incident: Incident): UpdateStatus {
  const last = incident.updates[incident.updates.length - 1];
  if (!last) throw new Error(`incident ${incident.id} has no updates`);
  return last.status;
}

export function isFinished(incident: Incident): boolean {
  const s = latestStatus(incident);
  return s === 'resolved' || s === 'completed';
}

/**
 * Whether the change from `base` to `head` may move or remove recovered_at
 * without a correction: main has none yet (the resolve sets it), or the change
 * appends a reopen (the old recovery is no longer the final one), or it
 * resolves an incident main shows open again. Otherwise the published
 * recovery time is a fact: only a corrections entry changes it.
 */
export function recoveryMayChange(base: Incident, head: Incident): boolean {
  if (base.recovered_at === undefined || base.recovered_at === head.recovered_at) return true;
  const added = head.updates.slice(base.updates.length);
  const finished = (s: UpdateStatus) => s === 'resolved' || s === 'completed';
  return added.some((u) => !finished(u.status)) || (!isFinished(base) && added.some((u) => finished(u.status)));
}

/**
 * open → resolved (recovered) → review (postmortem or prevention under way)
 * → closed (closed_at set, which the closure rules guard).
 */
export function stageOf(incident: Incident): Stage {
  if (incident.closed_at) return 'closed';
  if (!isFinished(incident)) return 'open';
  if (incident.postmortem || incident.prevention?.length) return 'review';
  return 'resolved';
}

export type PostmortemReason =
  'severity' | 'security' | 'reopened' | 'recovery-target-missed' | 'notification-target-missed' | 'requested';

/**
 * Why a postmortem is required (empty: not required). Every breach forces
 * one: recovery is judged from the incident itself; notification needs the
 * ledger (when customers were notified, and the breaches the engine raised),
 * so without a ledger only the recovery target can be judged. A breach the
 * engine recorded counts even if later evidence would have met the target:
 * the breach was raised, so it is reviewed.
 */
export function postmortemReasons(
  incident: Incident,
  service: Service | undefined,
  now: number,
  ledger?: Ledger,
): PostmortemReason[] {
  if (incident.type === 'maintenance') return incident.postmortem?.requested ? ['requested'] : [];
  const reasons: PostmortemReason[] = [];
  if (incident.severity === 'sev1' || incident.severity === 'sev2') reasons.push('severity');
  if (incident.type === 'security') reasons.push('security');
  if (reopenIndexes(incident.updates.map((u) => u.status)).length > 0) reasons.push('reopened');
  const sla = service
    ? evaluateSla(incident, service, now, ledger ? notifiedOf(incident, ledger).at : undefined)
    : undefined;
  if (
    (sla && incident.recovered_at && sla.recover.state === 'missed') ||
    ledger?.has(keys.breach(incident.id, 'recover'))
  ) {
    reasons.push('recovery-target-missed');
  }
  if (ledger && ((sla && sla.notify.state === 'missed') || ledger.has(keys.breach(incident.id, 'notify')))) {
    reasons.push('notification-target-missed');
  }
  if (incident.postmortem?.requested) reasons.push('requested');
  return reasons;
}

export const POSTMORTEM_REASON_TEXT: Record<PostmortemReason, string> = {
  severity: 'severity is sev1 or sev2',
  security: 'it is a security incident',
  reopened: 'it was reopened',
  'recovery-target-missed': 'the recovery target was missed',
  'notification-target-missed': 'the customer-notification target was missed',
  requested: 'the manager requested one',
};
