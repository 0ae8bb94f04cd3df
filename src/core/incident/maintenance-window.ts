/**
 * When maintenance statuses may be posted: work may start a little before the
 * announced window (engineers begin preparing), never days before it.
 */
import type { Incident, UpdateStatus } from './schema.ts';
import { HOUR_MS, toMs } from '../time.ts';

/** The stated tolerance: in_progress, verifying and completed from 60 minutes before window.start. */
export const EARLY_START_MS = HOUR_MS;

const NEEDS_OPEN_WINDOW: ReadonlySet<UpdateStatus> = new Set(['in_progress', 'verifying', 'completed']);

/** Why `status` at `at` contradicts the window, or undefined when it fits. */
export function windowProblem(
  window: NonNullable<Incident['window']>,
  status: UpdateStatus,
  at: string,
): string | undefined {
  if (!NEEDS_OPEN_WINDOW.has(status)) return undefined;
  const earliest = toMs(window.start) - EARLY_START_MS;
  if (toMs(at) >= earliest) return undefined;
  return `"${status}" at ${at} is before the maintenance window opens (${window.start}; posting up to 60 minutes early is allowed)`;
}
