/**
 * The SLA figures an auditor re-performs, for one incident: every input
 * timestamp and every derived number, so nothing has to be asked twice.
 * Business minutes are given where the desk keeps business hours.
 */
import type { CatalogIndex } from '../catalog/index.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { notifiedOf } from '../sla/notified.ts';
import { postmortemReasons, stageOf } from '../incident/lifecycle.ts';
import type { Incident } from '../incident/schema.ts';
import { reopenIndexes } from '../incident/status-machine.ts';
import { evaluateSla } from '../sla/clock.ts';
import { deskMinutesBetween } from '../sla/desk-calendar.ts';
import { minutesBetween, toJstIso, toMs } from '../time.ts';

export interface SlaRecord {
  id: string;
  service: string;
  type: string;
  severity: string;
  scope: string;
  stage: string;
  detection_source: string;
  detected_at: string;
  clock_start: string;
  clock_start_rule: string;
  notify_target_minutes: number | '';
  notified_at: string;
  notified_evidence: string;
  minutes_to_notify: number | '';
  business_minutes_to_notify: number | '';
  notify_result: string;
  recover_target_minutes: number | '';
  recovered_at: string;
  minutes_to_recover: number | '';
  business_minutes_to_recover: number | '';
  recover_result: string;
  reopen_count: number | '';
  postmortem_required: string;
  postmortem_status: string;
  closed_at: string;
}

/** Every field blank: the start of a row for which no SLA clock runs (maintenance, a dismissed candidate, an invalid file). */
const BLANK: SlaRecord = {
  id: '',
  service: '',
  type: '',
  severity: '',
  scope: '',
  stage: '',
  detection_source: '',
  detected_at: '',
  clock_start: '',
  clock_start_rule: '',
  notify_target_minutes: '',
  notified_at: '',
  notified_evidence: '',
  minutes_to_notify: '',
  business_minutes_to_notify: '',
  notify_result: '',
  recover_target_minutes: '',
  recovered_at: '',
  minutes_to_recover: '',
  business_minutes_to_recover: '',
  recover_result: '',
  reopen_count: '',
  postmortem_required: '',
  postmortem_status: '',
  closed_at: '',
};

/** A population row without an SLA clock: blank figures, and `clock_start_rule` saying why. */
export function clocklessRecord(
  fields: Pick<SlaRecord, 'id' | 'stage' | 'clock_start_rule'> & Partial<SlaRecord>,
): SlaRecord {
  return { ...BLANK, ...fields };
}

/** What a clockless row that is not an error shows: no targets, nothing reopened, no postmortem due. */
export const NO_TARGETS = {
  notify_target_minutes: 0,
  recover_target_minutes: 0,
  reopen_count: 0,
  postmortem_required: 'no',
} as const satisfies Partial<SlaRecord>;

export function slaRecord(
  incident: Incident,
  catalog: CatalogIndex,
  ledger: Ledger,
  asOf: number,
): SlaRecord | undefined {
  const service = catalog.service(incident.service);
  if (!service || incident.type === 'maintenance' || !incident.detection) return undefined;
  const notified = notifiedOf(incident, ledger);
  const notifiedAt = notified.at;
  const sla = evaluateSla(incident, service, asOf, notifiedAt)!;
  const business = service.desk.kind === 'business-hours';
  const mins = (to: number | undefined) => (to === undefined ? '' : Math.max(0, minutesBetween(sla.clockStart, to)));
  const bmins = (to: number | undefined) =>
    to === undefined || !business ? '' : deskMinutesBetween(service.desk, sla.clockStart, to);
  const recoveredAt = incident.recovered_at ? toMs(incident.recovered_at) : undefined;
  return {
    id: incident.id,
    service: incident.service,
    type: incident.type,
    severity: incident.severity ?? '',
    scope: incident.scope,
    stage: stageOf(incident),
    detection_source: incident.detection.source,
    detected_at: incident.detection.at,
    clock_start: toJstIso(sla.clockStart),
    clock_start_rule: sla.startRule,
    notify_target_minutes: service.sla.notify_minutes,
    notified_at: notifiedAt === undefined ? '' : toJstIso(notifiedAt),
    notified_evidence: notified.text,
    minutes_to_notify: mins(notifiedAt),
    business_minutes_to_notify: bmins(notifiedAt),
    notify_result: sla.notify.state,
    recover_target_minutes: service.sla.recover_minutes,
    recovered_at: incident.recovered_at ?? '',
    minutes_to_recover: mins(recoveredAt),
    business_minutes_to_recover: bmins(recoveredAt),
    recover_result: sla.recover.state,
    reopen_count: reopenIndexes(incident.updates.map((u) => u.status)).length,
    postmortem_required: postmortemReasons(incident, service, asOf, ledger).join(' ') || 'no',
    postmortem_status: incident.postmortem?.status ?? 'none',
    closed_at: incident.closed_at ?? '',
  };
}
