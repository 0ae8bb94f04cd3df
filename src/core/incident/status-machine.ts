/**
 * Which public status may follow which. Incidents: investigating →
 * identified → monitoring → resolved, stepping back while open when impact
 * returns, and out of resolved only by a reopen with a reason. Maintenance:
 * scheduled → in_progress → verifying → completed, with verifying → in_progress
 * when verification fails.
 */
import { INCIDENT_STATUSES, MAINTENANCE_STATUSES, type UpdateStatus } from './schema.ts';

export type Move = 'ok' | 'needs-reopen-reason' | 'not-allowed';
export type Track = 'incident' | 'maintenance';

const incidentRank = new Map<UpdateStatus, number>(INCIDENT_STATUSES.map((s, i) => [s, i]));
const maintenanceRank = new Map<UpdateStatus, number>(MAINTENANCE_STATUSES.map((s, i) => [s, i]));

export function statusesOf(track: Track): readonly UpdateStatus[] {
  return track === 'incident' ? INCIDENT_STATUSES : MAINTENANCE_STATUSES;
}

export function belongsTo(track: Track, status: UpdateStatus): boolean {
  return (track === 'incident' ? incidentRank : maintenanceRank).has(status);
}

/** May `to` follow `from` (undefined: the first update)? */
export function move(track: Track, from: UpdateStatus | undefined, to: UpdateStatus, hasReopenReason: boolean): Move {
  return track === 'incident' ? incidentMove(from, to, hasReopenReason) : maintenanceMove(from, to);
}

function incidentMove(from: UpdateStatus | undefined, to: UpdateStatus, hasReason: boolean): Move {
  if (!incidentRank.has(to) || (from !== undefined && !incidentRank.has(from))) return 'not-allowed';
  if (from === undefined) return to === 'resolved' ? 'not-allowed' : 'ok';
  if (from === 'resolved') {
    // A second "resolved" would move the recovery time and re-notify; a correction fixes the first one.
    if (to === 'investigating') return hasReason ? 'ok' : 'needs-reopen-reason';
    return 'not-allowed';
  }
  return 'ok';
}

function maintenanceMove(from: UpdateStatus | undefined, to: UpdateStatus): Move {
  const t = maintenanceRank.get(to);
  if (t === undefined) return 'not-allowed';
  if (from === undefined) return to === 'scheduled' || to === 'in_progress' ? 'ok' : 'not-allowed';
  const f = maintenanceRank.get(from);
  if (f === undefined) return 'not-allowed';
  if (from === 'verifying' && to === 'in_progress') return 'ok';
  if (from === 'completed') return 'not-allowed';
  return t >= f ? 'ok' : 'not-allowed';
}

/** What may follow `from`, for messages. */
export function allowedNext(track: Track, from: UpdateStatus | undefined): string[] {
  return statusesOf(track)
    .filter((s) => move(track, from, s, true) === 'ok')
    .map((s) =>
      track === 'incident' && from === 'resolved' && s === 'investigating'
        ? 'investigating (a reopen, with reopen_reason)'
        : s,
    );
}

/** Indexes of updates that reopen a resolved incident. */
export function reopenIndexes(statuses: readonly UpdateStatus[]): number[] {
  return statuses.flatMap((s, i) => (i > 0 && statuses[i - 1] === 'resolved' && s !== 'resolved' ? [i] : []));
}
