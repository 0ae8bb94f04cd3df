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
import { MINUTE_MS, minutesBetween, toJstIso, toMs } from '../time.ts';
import type { Action } from './actions.ts';
import { keys, type Ledger, type MaintenanceMoment, type Target } from '../ledger/ledger.ts';
import { notifiedOf } from '../sla/notified.ts';
import {
  customersNotifiedBefore,
  IDEMPOTENCY_WINDOW_MS,
  laterEvent,
  legacyNotified,
  noticeState,
} from './customer-notice.ts';

export interface PlanOptions {
  /** Minutes before a deadline at which the manager and responder are warned. */
  warnBefore: Record<Target, number>;
  /** Minutes before a maintenance window at which the team is reminded. */
  remindBeforeMaintenance: number;
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = {
  warnBefore: { notify: 10, recover: 30 },
  remindBeforeMaintenance: 60,
};

// Keys live with the ledger (one definition); re-exported here for the planner's readers.
export { keys } from '../ledger/ledger.ts';

export function planActions(
  incidents: readonly Incident[],
  catalog: CatalogIndex,
  ledger: Ledger,
  now: number,
  options: PlanOptions = DEFAULT_PLAN_OPTIONS,
): Action[] {
  return incidents.flatMap((incident) => planIncident(incident, catalog, ledger, now, options));
}

function planIncident(
  incident: Incident,
  catalog: CatalogIndex,
  ledger: Ledger,
  now: number,
  options: PlanOptions,
): Action[] {
  const service = catalog.service(incident.service);
  if (!service) return [];
  const id = incident.id;
  const nowIso = toJstIso(now);
  const actions: Action[] = [];
  const tracked = ledger.has(keys.trackingIssue(id));
  const closed = incident.closed_at !== undefined;

  // A closed incident is finished business: whatever the ledger holds (even nothing, after a loss), nobody is notified
  // again; only its tracking issue is closed. Its figures are the audit's to report, not the engine's to act on.
  if (closed) {
    return tracked && !ledger.has(keys.trackingClosed(id))
      ? [
          {
            kind: 'close-tracking-issue',
            key: keys.trackingClosed(id),
            incident: id,
            at: incident.closed_at!,
            reason: 'incident closed',
            closedAt: incident.closed_at!,
          },
        ]
      : [];
  }

  // Monitoring until complete: one tracking issue per incident, closed when the incident is.
  if (!tracked) {
    actions.push({
      kind: 'tracking-issue',
      key: keys.trackingIssue(id),
      incident: id,
      at: incident.updates[0]!.at,
      reason: 'incident has no tracking issue yet',
      title: `[${incident.service}] ${incident.title.en} (${id})`,
      manager: incident.manager,
    });
  }

  // The manager hears of every status update: a comment mentioning them on the tracking issue, and a direct notice.
  incident.updates.forEach((u, i) => {
    if (!ledger.has(keys.manager(id, i))) {
      actions.push({
        kind: 'manager-notification',
        key: keys.manager(id, i),
        incident: id,
        at: u.at,
        reason: `update ${i + 1} (${u.status}) not yet notified to the manager`,
        updateIndex: i,
        status: u.status,
        manager: incident.manager,
      });
    }
    if (!ledger.has(keys.trackingComment(id, i))) {
      actions.push({
        kind: 'tracking-comment',
        key: keys.trackingComment(id, i),
        incident: id,
        at: u.at,
        reason: `update ${i + 1} not yet posted to the tracking issue`,
        updateIndex: i,
        manager: incident.manager,
        body: u.message.en,
      });
    }
  });

  if (incident.scope === 'customer' && !staleNotice(incident, ledger, now))
    actions.push(...customerEmails(incident, ledger));

  if (incident.type === 'maintenance') actions.push(...maintenanceReminders(incident, ledger, now, options));
  if (incident.type !== 'maintenance') {
    const sla = evaluateSla(incident, service, now, notifiedOf(incident, ledger).at);
    const recipients = [...new Set([incident.manager, incident.responder])];
    if (sla) {
      for (const target of ['notify', 'recover'] as const) {
        actions.push(...deadlineActions(incident, target, sla[target], ledger, now, nowIso, options, recipients));
      }
    }
    // Reconcile: a breach raised while the tracking issue was missing (or GitHub failed) is shown there once it exists.
    for (const target of ['notify', 'recover'] as const) {
      const breach = ledger.get(keys.breach(id, target));
      if (breach && tracked && !ledger.has(keys.breachOnIssue(id, target))) {
        actions.push({
          kind: 'breach-on-issue',
          key: keys.breachOnIssue(id, target),
          incident: id,
          at: breach.at,
          target,
          deadline: String(breach.detail.deadline ?? breach.at),
          recipients,
          reason: `breach of the ${target === 'notify' ? 'customer notification' : 'recovery'} target not yet shown on the tracking issue`,
        });
      }
    }
  }
  return actions;
}

/**
 * How old a notice may be when the ledger has no trace of any customer notice of a finished incident: past it, the
 * notice is reported, not sent. The provider forgets idempotency keys after 24 hours, so past that nothing would
 * stop a lost ledger from sending the same notice again.
 */
export const STALE_NOTICE_HORIZON_MS = IDEMPOTENCY_WINDOW_MS;

/**
 * A finished (resolved or completed), not yet closed customer-scope incident whose latest update for customers is
 * older than the horizon, with no customer-e-mail entry of it in the ledger at all: either its ledger was lost after
 * the notice went out, or nobody was ever told. Sending could repeat a notice the customers already have; so, like a
 * closed incident, it is not sent, and the run reports it for a person to decide (close the incident, or post a new
 * update marked for customers, which is sent as usual). Returns what to report, or undefined when the notice is not stale.
 */
export function staleNotice(
  incident: Incident,
  ledger: Ledger,
  now: number,
): { update: number; at: string } | undefined {
  if (incident.scope !== 'customer' || incident.closed_at || !incident.customers?.length || !isFinished(incident))
    return undefined;
  const last = incident.updates
    .map((u, i) => ({ u, i }))
    .filter(({ u }) => u.notify_customers !== false)
    .at(-1);
  if (!last || now - toMs(last.u.at) < STALE_NOTICE_HORIZON_MS) return undefined;
  if (ledger.ofIncident(incident.id).some((e) => e.kind === 'customer-email')) return undefined;
  return { update: last.i + 1, at: last.u.at };
}

/**
 * Customer e-mail: one message per update marked for customers, except that
 * an update superseded by a later one before it was sent is not sent on its
 * own: the later message says where things stand now.
 */
function customerEmails(incident: Incident, ledger: Ledger): Action[] {
  const id = incident.id;
  let customers = incident.customers ?? [];
  if (!customers.length || incident.closed_at) return [];
  const eligible = incident.updates.map((u, i) => ({ u, i })).filter(({ u }) => u.notify_customers !== false);
  const last = eligible[eligible.length - 1];
  if (!last) return [];
  const notice = keys.customerEmail(id, last.i);
  // A notice is complete when every affected customer had it; a customer added to the incident later still gets it.
  let key = notice;
  if (ledger.has(notice)) {
    const state = noticeState(ledger.ofIncident(id), id);
    const covered = new Set([...(state.acceptedBy.get(notice) ?? [])].map((r) => r.slice(0, r.indexOf(':'))));
    const added = customers.filter((c) => !covered.has(c));
    if (!covered.size || !added.length) return [];
    key = `${notice}/added-${ledger.ofIncident(id).filter((e) => e.key.startsWith(`${notice}/added-`)).length + 1}`;
    customers = added;
  }
  // Who had an earlier notice is known per customer (an interrupted send may have reached some and not others).
  const own = ledger.ofIncident(id);
  const before = customersNotifiedBefore(own, id, notice);
  const legacy = legacyNotified(own, id, notice);
  const firstNotice = legacy ? [] : customers.filter((c) => !before.has(c));
  const event = firstNotice.length === customers.length ? 'initial' : laterEvent(incident, last.i);
  const skipped = eligible.filter(({ i }) => i < last.i && !ledger.has(keys.customerEmail(id, i))).length;
  const interrupted = noticeState(own, id).pending.length;
  return [
    {
      kind: 'customer-email',
      key,
      incident: id,
      at: last.u.at,
      reason: `update ${last.i + 1} not yet e-mailed to ${key !== notice ? 'customer(s) added since it was sent, of ' : ''}${customers.length} customer(s)${skipped ? `; ${skipped} earlier unsent update(s) superseded by it` : ''}${interrupted ? `; ${interrupted} interrupted batch(es) resolved first` : ''}`,
      event,
      updateIndex: last.i,
      customers,
      ...(event !== 'initial' && firstNotice.length ? { firstNotice } : {}),
      ...(key !== notice ? { notice } : {}),
    },
  ];
}

function deadlineActions(
  incident: Incident,
  target: Target,
  figures: TargetFigures,
  ledger: Ledger,
  now: number,
  nowIso: string,
  options: PlanOptions,
  recipients: string[],
): Action[] {
  const id = incident.id;
  const deadline = toJstIso(figures.by);
  const label = target === 'notify' ? 'customer notification' : 'recovery';
  if (figures.state === 'missed' && !ledger.has(keys.breach(id, target))) {
    return [
      {
        kind: 'breach',
        key: keys.breach(id, target),
        incident: id,
        at: deadline,
        target,
        deadline,
        recipients,
        ...(figures.at !== undefined ? { stoppedAt: toJstIso(figures.at) } : {}),
        reason:
          figures.at !== undefined
            ? `${label} at ${toJstIso(figures.at)}, after the deadline ${deadline}`
            : `${label} deadline ${deadline} passed`,
      },
    ];
  }
  // A warning is only worth sending before the deadline; a late run skips straight to the breach above.
  const warnFrom = figures.by - options.warnBefore[target] * MINUTE_MS;
  if (
    figures.state === 'running' &&
    now >= warnFrom &&
    !ledger.has(keys.warning(id, target)) &&
    !(target === 'recover' && isFinished(incident))
  ) {
    return [
      {
        kind: 'warning',
        key: keys.warning(id, target),
        incident: id,
        at: nowIso,
        target,
        deadline,
        minutesLeft: figures.leftMinutes ?? 0,
        recipients,
        reason: `${figures.leftMinutes} minute(s) left until the ${label} deadline ${deadline}`,
      },
    ];
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
    [
      'before-start',
      start - options.remindBeforeMaintenance * MINUTE_MS,
      start,
      `window opens at ${incident.window.start}`,
    ],
    ['start', start, end, `window opened at ${incident.window.start}; post "in_progress" if the work started`],
    ['end', end, Infinity, `window closed at ${incident.window.end} and no "completed" update is posted`],
  ];
  return moments
    .filter(([moment, from, until]) => now >= from && now < until && !ledger.has(keys.maintenance(incident.id, moment)))
    .filter(([moment]) => !(moment === 'start' && statuses.includes('in_progress')))
    .map(([moment, from, , reason]) => ({
      kind: 'maintenance-reminder' as const,
      key: keys.maintenance(incident.id, moment),
      incident: incident.id,
      at: toJstIso(from),
      reason,
      moment,
      window: incident.window!,
      recipients,
    }));
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
  const minutesSince = minutesBetween(lastRunAt, now);
  return minutesSince > 2 * expectedEveryMinutes
    ? {
        state: 'stale',
        minutesSince,
        message: `the previous successful run was ${minutesSince} minutes ago (expected every ${expectedEveryMinutes}); SLA clocks were not watched in between`,
      }
    : { state: 'fresh', minutesSince, message: `previous run ${minutesSince} minutes ago` };
}

/**
 * Re-plans one incident as of `now` with what the ledger holds now. Warnings
 * and breaches are checked again just before they are sent, so a notice that
 * went out earlier in the same run cancels its own "minutes left" warning.
 */
export function stillDue(
  action: Action,
  incident: Incident,
  catalog: CatalogIndex,
  ledger: Ledger,
  now: number,
  options: PlanOptions = DEFAULT_PLAN_OPTIONS,
): boolean {
  return planIncident(incident, catalog, ledger, now, options).some((a) => a.key === action.key);
}

/** Customer notices first (they are what the SLA promises), then what unblocks others (the tracking issue), then the team. */
const EXECUTION_ORDER: Record<Action['kind'], number> = {
  'customer-email': 0,
  'tracking-issue': 1,
  breach: 2,
  'breach-on-issue': 3,
  warning: 4,
  'manager-notification': 5,
  'maintenance-reminder': 6,
  'tracking-comment': 7,
  'close-tracking-issue': 8,
};

export function executionOrder(plan: readonly Action[]): Action[] {
  return plan
    .map((a, n) => ({ a, n }))
    .sort((x, y) => EXECUTION_ORDER[x.a.kind] - EXECUTION_ORDER[y.a.kind] || x.n - y.n)
    .map(({ a }) => a);
}
