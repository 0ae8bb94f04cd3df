/**
 * Whether an event time can start an SLA clock. Senders do send nonsense:
 * Go's zero time (year 1) for "unknown", the Unix epoch from an unset
 * field, a host clock years off. A clock started from those is missed at
 * once (or never runs), so the time is refused with a line saying why.
 */
import { MINUTE_MS, toJstIso } from '../time.ts';

/** Nothing this service handles happened before 2000 (and the desk calendar cannot say when a desk was open then). */
export const EARLIEST_EVENT_MS = Date.parse('2000-01-01T00:00:00Z');
/** How far a sender's clock may run ahead of ours; within it the event is dated now, beyond it refused. */
export const CLOCK_SKEW_TOLERANCE_MINUTES = 60;

export function eventTimeProblem(at: number, now: number): string | undefined {
  if (!Number.isFinite(at) || at < EARLIEST_EVENT_MS)
    return `${Number.isFinite(at) ? new Date(at).toISOString() : 'the time'} is before 2000 (an unset time such as Go's zero time or the Unix epoch?)`;
  if (at > now + CLOCK_SKEW_TOLERANCE_MINUTES * MINUTE_MS)
    return `${toJstIso(at)} is more than ${CLOCK_SKEW_TOLERANCE_MINUTES} minutes after now (${toJstIso(now)}); check the sender's clock`;
  return undefined;
}
