/**
 * The SLA plan: from incidents, the ledger and `now`, every action due now.
 * Recomputed from timestamps on every run, so a run that comes hours late
 * (GitHub's schedule often does) catches up safely: it plans the breach
 * records and the notifications still worth sending, never a burst of stale
 * "10 minutes left" warnings, and nothing already in the ledger.
 */
import type { CatalogIndex } from '../catalog/index.ts';
import type { Incident } from '../incident/schema.ts';
import { isFinished } from '../incident/lifecycle.ts';
import { evaluateSla, type TargetFigures } from '../sla/clock.ts';
import { toJstIso, toMs } from '../time.ts';
import type { Action, MaintenanceMoment, Target } from './actions.ts';
import { keys, type Ledger } from './ledger.ts';
import { notifiedOf } from '../sla/notified.ts';

export interface PlanOptions {
  /** Minutes before a deadline at which the manager and responder are warned. */
  warnBefore: Record<Target, number>;
  /** Minutes before a maintenance window at which the team is reminded. */
  remindBeforeMaintenance: number;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = { warnBefore: { notify: 10, recover: 30 }, remindBeforeMaintenance: 60 };

// Keys live with the ledger (one definition); re-exported here for the planner's readers.
export { keys } from './ledger.ts';

export function planActions(incidents: readonly Incident[], catalog: CatalogIndex, ledger: Ledger, now: number, options: PlanOptions = DEFAULT_PLAN_OPTIONS): Action[] {
  return incidents.flatMap((incident) => planIncident(incident, catalog, ledger, now, options));
}

function planIncident(incident: Incident, catalog: CatalogIndex, ledger: Ledger, now: number, options: PlanOptions): Action[] {
  const service = catalog.service(incident.service);
  if (!service) return [];
  const id = incident.id;
  const nowIso = toJstIso(now);
  const actions: Action[] = [];
  const tracked = ledger.has(keys.trackingIssue(id));
  const closed = incident.closed_at !== undefined;

  // Monitoring until complete: one tracking issue per incident, closed when the incident is.
  if (!closed && !tracked) {
    actions.push({ kind: 'tracking-issue', key: keys.trackingIssue(id), incident: id, at: incident.updates[0]!.at, reason: 'incident has no tracking issue yet', title: `[${incident.service}] ${incident.title.en} (${id})`, manager: incident.manager });
  }
  if (closed && tracked && !ledger.has(keys.trackingClosed(id))) {
    actions.push({ kind: 'close-tracking-issue', key: keys.trackingClosed(id), incident: id, at: incident.closed_at!, reason: 'incident closed', closedAt: incident.closed_at! });
  }

  // The manager hears of every status update: a comment mentioning them on the tracking issue, and a direct notice.
  incident.updates.forEach((u, i) => {
    if (closed && ledger.has(keys.trackingClosed(id))) return;
    if (!ledger.has(keys.manager(id, i))) {
      actions.push({ kind: 'manager-notification', key: keys.manager(id, i), incident: id, at: u.at, reason: `update ${i + 1} (${u.status}) not yet notified to the manager`, updateIndex: i, status: u.status, manager: incident.manager });
    }
    if (!closed && !ledger.has(keys.trackingComment(id, i))) {
      actions.push({ kind: 'tracking-comment', key: keys.trackingComment(id, i), incident: id, at: u.at, reason: `update ${i + 1} not yet posted to the tracking issue`, updateIndex: i, manager: incident.manager, body: u.message.en });
    }
  });

  if (incident.scope === 'customer') actions.push(...customerEmails(incident, ledger));

  if (incident.type === 'maintenance') actions.push(...maintenanceReminders(incident, ledger, now, options));
  if (incident.type !== 'maintenance') {
    const sla = evaluateSla(incident, service, now, notifiedOf(incident, ledger).at);
    if (sla) {
      const recipients = [...new Set([incident.manager, incident.responder])];
      for (const target of ['notify', 'recover'] as const) {
        actions.push(...deadlineActions(incident, target, sla[target], ledger, now, nowIso, options, recipients));
      }
    }
  }
  return actions;
}

/**
 * Customer e-mail: one message per update marked for customers, except that
 * an update superseded by a later one before it was sent is not sent on its
 * own: the later message says where things stand now.
 */
function customerEmails(incident: Incident, ledger: Ledger): Action[] {
  const id = incident.id;
  const customers = incident.customers ?? [];
  if (!customers.length || incident.closed_at) return [];
  const eligible = incident.updates.map((u, i) => ({ u, i })).filter(({ u }) => u.notify_customers !== false);
  const last = eligible[eligible.length - 1];
  if (!last || ledger.has(keys.customerEmail(id, last.i))) return [];
  const anySent = eligible.some(({ i }) => ledger.has(keys.customerEmail(id, i)));
  const event = !anySent ? 'initial' : last.u.status === 'resolved' || last.u.status === 'completed' ? 'resolution' : 'update';
  const skipped = eligible.filter(({ i }) => i < last.i && !ledger.has(keys.customerEmail(id, i))).length;
  return [
    {
      kind: 'customer-email',
      key: keys.customerEmail(id, last.i),
      incident: id,
      at: last.u.at,
      reason: `update ${last.i + 1} not yet e-mailed to ${customers.length} customer(s)${skipped ? `; ${skipped} earlier unsent update(s) superseded by it` : ''}`,
      event,
      updateIndex: last.i,
      customers,
    },
  ];
}

function deadlineActions(incident: Incident, target: Target, figures: TargetFigures, ledger: Ledger, now: number, nowIso: string, options: PlanOptions, recipients: string[]): Action[] {
  const id = incident.id;
  const deadline = toJstIso(figures.by);
  const label = target === 'notify' ? 'customer notification' : 'recovery';
  if (figures.state === 'missed' && !ledger.has(keys.breach(id, target))) {
    return [
      {
        kind: 'breach', key: keys.breach(id, target), incident: id, at: deadline, target, deadline, recipients,
        ...(figures.at !== undefined ? { stoppedAt: toJstIso(figures.at) } : {}),
        reason: figures.at !== undefined ? `${label} at ${toJstIso(figures.at)}, after the deadline ${deadline}` : `${label} deadline ${deadline} passed`,
      },
    ];
  }
  // A warning is only worth sending before the deadline; a late run skips straight to the breach above.
  const warnFrom = figures.by - options.warnBefore[target] * 60_000;
  if (figures.state === 'running' && now >= warnFrom && !ledger.has(keys.warning(id, target)) && !(target === 'recover' && isFinished(incident))) {
    return [{ kind: 'warning', key: keys.warning(id, target), incident: id, at: nowIso, target, deadline, minutesLeft: figures.leftMinutes ?? 0, recipients, reason: `${figures.leftMinutes} minute(s) left until the ${label} deadline ${deadline}` }];
  }
  return [];
}

/**
 * The team is reminded before a window opens, when it opens and when it
 * should close, until a completed update is posted. Each reminder is only
 * sent while it is still useful: a late run never sends "starts in an hour"
 * after the start.
 */
function maintenanceReminders(incident: Incident, ledger: Ledger, now: number, options: PlanOptions): Action[] {
  if (!incident.window || incident.closed_at) return [];
  const statuses = incident.updates.map((u) => u.status);
  if (statuses.includes('completed')) return [];
  const start = toMs(incident.window.start);
  const end = toMs(incident.window.end);
  const recipients = [...new Set([incident.manager, incident.responder])];
  const moments: [MaintenanceMoment, number, number, string][] = [
    ['before-start', start - options.remindBeforeMaintenance * 60_000, start, `window opens at ${incident.window.start}`],
    ['start', start, end, `window opened at ${incident.window.start}; post "in_progress" if the work started`],
    ['end', end, Infinity, `window closed at ${incident.window.end} and no "completed" update is posted`],
  ];
  return moments
    .filter(([moment, from, until]) => now >= from && now < until && !ledger.has(keys.maintenance(incident.id, moment)))
    .filter(([moment]) => !(moment === 'start' && statuses.includes('in_progress')))
    .map(([moment, from, , reason]) => ({ kind: 'maintenance-reminder' as const, key: keys.maintenance(incident.id, moment), incident: incident.id, at: toJstIso(from), reason, moment, window: incident.window!, recipients }));
}

export interface Heartbeat {
  state: 'fresh' | 'stale' | 'unknown';
  minutesSince?: number;
  message: string;
}

/**
 * Is the engine itself running? GitHub's schedule can be late by hours or
 * drop runs; a gap of more than twice the schedule is reported.
 */
export function heartbeatStatus(lastRunAt: number | undefined, now: number, expectedEveryMinutes: number): Heartbeat {
  if (lastRunAt === undefined) return { state: 'unknown', message: 'no earlier run recorded' };
  const minutesSince = Math.floor((now - lastRunAt) / 60_000);
  return minutesSince > 2 * expectedEveryMinutes
    ? { state: 'stale', minutesSince, message: `the previous successful run was ${minutesSince} minutes ago (expected every ${expectedEveryMinutes}); SLA clocks were not watched in between` }
    : { state: 'fresh', minutesSince, message: `previous run ${minutesSince} minutes ago` };
}
