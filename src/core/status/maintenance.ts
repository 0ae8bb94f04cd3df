/**
 * A maintenance's state at `now`, derived from its window where the team did
 * not post an explicit state: it starts and ends on time unless an update
 * says otherwise (overrun, verification).
 */
import type { Incident, MaintenanceStatus } from '../incident/schema.ts';
import { toMs } from '../time.ts';

export function maintenanceState(incident: Incident, now: number): MaintenanceStatus {
  const latest = incident.updates[incident.updates.length - 1]?.status as MaintenanceStatus | undefined;
  if (latest && latest !== 'scheduled') return latest;
  if (!incident.window) return 'scheduled';
  if (now < toMs(incident.window.start)) return 'scheduled';
  if (now < toMs(incident.window.end)) return 'in_progress';
  return 'completed';
}

export function isUpcomingMaintenance(incident: Incident, now: number): boolean {
  return incident.type === 'maintenance' && maintenanceState(incident, now) === 'scheduled';
}
