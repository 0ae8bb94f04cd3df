/**
 * Current status of every component and the page, from public incidents and
 * maintenance at `now` (Statuspage vocabulary and blend: the worst active
 * impact wins; maintenance shows only where nothing is broken).
 */
import type { CatalogIndex } from '../catalog/index.ts';
import { isFinished } from '../incident/lifecycle.ts';
import type { Incident } from '../incident/schema.ts';
import { maintenanceState } from './maintenance.ts';

export type ComponentStatus = 'operational' | 'under_maintenance' | 'degraded_performance' | 'partial_outage' | 'major_outage';
export type Indicator = 'none' | 'minor' | 'major' | 'critical';

/** Worse statuses have higher ranks. */
export const STATUS_RANK: Record<ComponentStatus, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

export function worse(a: ComponentStatus, b: ComponentStatus): ComponentStatus {
  return STATUS_RANK[b] > STATUS_RANK[a] ? b : a;
}

/** Statuspage's incident impact from the worst component status. */
export function impactOf(status: ComponentStatus): Indicator {
  return status === 'major_outage' ? 'critical' : status === 'partial_outage' ? 'major' : status === 'degraded_performance' ? 'minor' : 'none';
}

export function isActiveIncident(incident: Incident): boolean {
  return incident.type !== 'maintenance' && !isFinished(incident);
}

export function isActiveMaintenance(incident: Incident, now: number): boolean {
  if (incident.type !== 'maintenance') return false;
  const state = maintenanceState(incident, now);
  return state === 'in_progress' || state === 'verifying';
}

/** `${serviceId}/${componentId}` → status, for every catalog component. */
export function componentStatuses(incidents: readonly Incident[], catalog: CatalogIndex, now: number): Map<string, ComponentStatus> {
  const statuses = new Map<string, ComponentStatus>();
  for (const s of catalog.catalog.services) for (const c of catalog.componentIds(s.id)) statuses.set(`${s.id}/${c}`, 'operational');
  for (const incident of incidents) {
    if (incident.scope !== 'public') continue;
    const active = isActiveIncident(incident) || isActiveMaintenance(incident, now);
    if (!active) continue;
    for (const c of incident.components) {
      const key = `${incident.service}/${c.id}`;
      const current = statuses.get(key);
      if (current) statuses.set(key, worse(current, c.status));
    }
  }
  return statuses;
}

export interface PageStatus {
  indicator: Indicator;
  /** The worst component status anywhere. */
  worst: ComponentStatus;
  /** Whether any maintenance is in progress (shown even when the indicator is none). */
  maintenance: boolean;
}

export function pageStatus(statuses: ReadonlyMap<string, ComponentStatus>): PageStatus {
  let worst: ComponentStatus = 'operational';
  for (const s of statuses.values()) worst = worse(worst, s);
  return { indicator: impactOf(worst), worst, maintenance: [...statuses.values()].includes('under_maintenance') };
}
