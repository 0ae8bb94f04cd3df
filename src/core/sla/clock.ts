/**
 * SLA clocks, computed from the incident's own timestamps and `now`, never
 * from when a scheduler happened to run. Start: the earliest detection
 * signal, except that an inquiry to a business-hours desk received while it
 * is closed starts the clock when the desk next opens.
 */
import type { Service } from '../catalog/schema.ts';
import type { Incident } from '../incident/schema.ts';
import { minutesBetween, MINUTE_MS, toMs } from '../time.ts';
import { nextDeskOpening } from './desk-calendar.ts';

export type TargetState = 'met' | 'missed' | 'running';

export interface TargetFigures {
  /** Deadline, epoch ms. */
  by: number;
  /** When the stop event happened, if it has. */
  at?: number;
  state: TargetState;
  /** Minutes from clock start to the stop event (or to now, while running). */
  elapsedMinutes: number;
  /** Minutes left until the deadline while running (negative once passed). */
  leftMinutes?: number;
}

export interface SlaFigures {
  clockStart: number;
  /** Why the clock started when it did. */
  startRule: 'detection' | 'desk-opening';
  notify: TargetFigures;
  recover: TargetFigures;
}

/** Clock start for an unplanned incident; undefined for maintenance or without detection. */
export function clockStart(
  incident: Incident,
  service: Service,
): { at: number; rule: SlaFigures['startRule'] } | undefined {
  if (incident.type === 'maintenance' || !incident.detection) return undefined;
  const detected = toMs(incident.detection.at);
  if (incident.detection.source === 'inquiry' && service.desk.kind === 'business-hours') {
    const opening = nextDeskOpening(service.desk, detected);
    return { at: opening, rule: opening === detected ? 'detection' : 'desk-opening' };
  }
  return { at: detected, rule: 'detection' };
}

/**
 * SLA figures at `now`. `notifiedAt` comes from the ledger (email accepted
 * for every affected customer, or the page verified live); without it the
 * notification target is running until its deadline, then missed.
 */
export function evaluateSla(
  incident: Incident,
  service: Service,
  now: number,
  notifiedAt?: number,
): SlaFigures | undefined {
  const start = clockStart(incident, service);
  if (!start) return undefined;
  const recoveredAt = incident.recovered_at ? toMs(incident.recovered_at) : undefined;
  return {
    clockStart: start.at,
    startRule: start.rule,
    notify: target(start.at, service.sla.notify_minutes, notifiedAt, now),
    recover: target(start.at, service.sla.recover_minutes, recoveredAt, now),
  };
}

function target(start: number, minutes: number, stoppedAt: number | undefined, now: number): TargetFigures {
  const by = start + minutes * MINUTE_MS;
  if (stoppedAt !== undefined) {
    // A stop before the clock started (a desk inquiry resolved overnight) counts as zero minutes.
    const elapsed = Math.max(0, minutesBetween(start, stoppedAt));
    return { by, at: stoppedAt, state: stoppedAt <= by ? 'met' : 'missed', elapsedMinutes: elapsed };
  }
  const elapsed = Math.max(0, minutesBetween(start, now));
  return { by, state: now > by ? 'missed' : 'running', elapsedMinutes: elapsed, leftMinutes: minutesBetween(now, by) };
}
