/**
 * The 90-day history of each component, from incident intervals in JST.
 * Method (published on the knowledge site): an incident affects its
 * components from detection until recovery (or until now, or its last update
 * if it was resolved without a recovery time); a maintenance from its window
 * start to end. Each JST day shows the worst status that touched it. Uptime
 * is the share of minutes in the period without a partial or major outage.
 */
import type { PublicIncident } from '../incident/public-incident.ts';
import { isFinished } from '../incident/lifecycle.ts';
import { DAY_MS, jstDate, jstDayStartMs, MINUTE_MS, toMs } from '../time.ts';
import { worse, type ComponentStatus } from './component-status.ts';

export interface Interval {
  incidentId: string;
  start: number;
  end: number;
  status: ComponentStatus;
}

export interface HistoryDay {
  date: string;
  status: ComponentStatus;
  incidentIds: string[];
}

export interface ComponentHistory {
  days: HistoryDay[];
  /** Percentage with two decimals, e.g. 99.95. */
  uptime: number;
  /** Minutes of partial or major outage in the period. */
  outageMinutes: number;
}

/** Where a public incident affected a component, as intervals. */
export function intervalsFor(
  incidents: readonly PublicIncident[],
  serviceId: string,
  componentId: string,
  now: number,
): Interval[] {
  const out: Interval[] = [];
  for (const i of incidents) {
    if (i.service !== serviceId) continue;
    const c = i.components.find((x) => x.id === componentId);
    if (!c) continue;
    let start: number;
    let end: number;
    if (i.type === 'maintenance') {
      if (!i.window) continue;
      start = toMs(i.window.start);
      end = toMs(i.window.end);
    } else {
      start = toMs(i.detection?.at ?? i.updates[0]!.at);
      end = i.recovered_at ? toMs(i.recovered_at) : isFinished(i) ? toMs(i.updates[i.updates.length - 1]!.at) : now;
    }
    if (end > start) out.push({ incidentId: i.id, start, end: Math.min(end, now), status: c.status });
  }
  return out;
}

/** The last `days` JST days up to and including today's. */
export function componentHistory(intervals: readonly Interval[], now: number, days = 90): ComponentHistory {
  const periodStart = jstDayStartMs(now) - (days - 1) * DAY_MS;
  const result: HistoryDay[] = [];
  for (let d = 0; d < days; d++) {
    const dayStart = periodStart + d * DAY_MS;
    const dayEnd = dayStart + DAY_MS;
    let status: ComponentStatus = 'operational';
    const ids: string[] = [];
    for (const iv of intervals) {
      if (iv.start < dayEnd && iv.end > dayStart) {
        status = worse(status, iv.status);
        if (!ids.includes(iv.incidentId)) ids.push(iv.incidentId);
      }
    }
    result.push({ date: jstDate(dayStart), status, incidentIds: ids });
  }
  const outageMinutes = Math.round(
    unionLength(
      intervals.filter((iv) => iv.status === 'partial_outage' || iv.status === 'major_outage'),
      periodStart,
      now,
    ) / MINUTE_MS,
  );
  const periodMinutes = Math.max(1, (now - periodStart) / MINUTE_MS);
  const uptime = Math.floor((1 - outageMinutes / periodMinutes) * 10_000) / 100;
  return { days: result, uptime, outageMinutes };
}

/** Total length of the union of intervals clipped to [from, to]. */
function unionLength(intervals: readonly Interval[], from: number, to: number): number {
  const clipped = intervals
    .map((iv) => [Math.max(iv.start, from), Math.min(iv.end, to)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let curStart = -Infinity;
  let curEnd = -Infinity;
  for (const [a, b] of clipped) {
    if (a > curEnd) {
      total += curEnd - curStart > 0 ? curEnd - curStart : 0;
      curStart = a;
      curEnd = b;
    } else {
      curEnd = Math.max(curEnd, b);
    }
  }
  if (curEnd > curStart) total += curEnd - curStart;
  return total;
}

/** Runs of equal status, for a compact rendering (a 90-day strip is mostly one run). */
export function statusRuns(days: readonly HistoryDay[]): { status: ComponentStatus; from: number; length: number }[] {
  const runs: { status: ComponentStatus; from: number; length: number }[] = [];
  days.forEach((d, i) => {
    const last = runs[runs.length - 1];
    if (last && last.status === d.status) last.length++;
    else runs.push({ status: d.status, from: i, length: 1 });
  });
  return runs;
}
