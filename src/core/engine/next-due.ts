/**
 * The next planned moment: the earliest instant after `now` at which the plan
 * will have something new to do by the clock alone (a warning, a deadline, a
 * maintenance reminder). A push that starts or moves a clock leaves a waiter
 * for this instant, so deadlines do not depend on GitHub's schedule, which
 * can be late by hours or skip runs.
 */
import type { CatalogIndex } from '../catalog/index.ts';
import { isFinished } from '../incident/lifecycle.ts';
import type { Incident } from '../incident/schema.ts';
import { evaluateSla } from '../sla/clock.ts';
import { MINUTE_MS, toMs } from '../time.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { notifiedOf } from '../sla/notified.ts';
import { DEFAULT_PLAN_OPTIONS, keys, type PlanOptions } from './plan.ts';

export interface DueMoment {
  at: number;
  incident: string;
  what: string;
}

/** A deadline is missed strictly after it passes; the waiter wakes just after. */
const AFTER_DEADLINE_MS = 1_000;

export function nextDueMoment(
  incidents: readonly Incident[],
  catalog: CatalogIndex,
  ledger: Ledger,
  now: number,
  options: PlanOptions = DEFAULT_PLAN_OPTIONS,
): DueMoment | undefined {
  const moments: DueMoment[] = [];
  for (const incident of incidents) {
    if (incident.closed_at) continue;
    const id = incident.id;
    if (incident.type === 'maintenance') {
      if (!incident.window || incident.updates.some((u) => u.status === 'completed')) continue;
      const start = toMs(incident.window.start);
      const end = toMs(incident.window.end);
      const reminders: [Parameters<typeof keys.maintenance>[1], number][] = [
        ['before-start', start - options.remindBeforeMaintenance * MINUTE_MS],
        ['start', start],
        ['end', end],
      ];
      for (const [moment, at] of reminders)
        if (!ledger.has(keys.maintenance(id, moment)))
          moments.push({ at, incident: id, what: `maintenance reminder (${moment})` });
      continue;
    }
    const service = catalog.service(incident.service);
    const sla = service ? evaluateSla(incident, service, now, notifiedOf(incident, ledger).at) : undefined;
    if (!sla) continue;
    for (const target of ['notify', 'recover'] as const) {
      const f = sla[target];
      if (f.state !== 'running' || (target === 'recover' && isFinished(incident))) continue;
      if (!ledger.has(keys.warning(id, target)))
        moments.push({ at: f.by - options.warnBefore[target] * MINUTE_MS, incident: id, what: `${target} warning` });
      if (!ledger.has(keys.breach(id, target)))
        moments.push({ at: f.by + AFTER_DEADLINE_MS, incident: id, what: `${target} deadline` });
    }
  }
  return moments.filter((m) => m.at > now).sort((a, b) => a.at - b.at)[0];
}
