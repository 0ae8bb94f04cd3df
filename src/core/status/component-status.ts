/**
 * Current status of every component and the page, from public incidents and
 * maintenance at `now` (Statuspage vocabulary and blend: the worst active
 * impact wins; maintenance shows only where nothing is broken).
 */
import type { CatalogIndex } from '../catalog/index.ts';
import { isFinished } from '../incident/lifecycle.ts';
import type { Incident } from '../incident/schema.ts';
import type { PublicIncident } from '../incident/public-incident.ts';
import { maintenanceState } from './maintenance.ts';

export type ComponentStatus =
  'operational' | 'under_maintenance' | 'degraded_performance' | 'partial_outage' | 'major_outage';
/** An incident's impact (Statuspage's incident `impact`). */
export type Impact = 'none' | 'minor' | 'major' | 'critical';
/** The page's indicator (Statuspage's `status.indicator`): an impact, or `maintenance` when maintenance is all that is going on. */
export type Indicator = Impact | 'maintenance';

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
export function impactOf(status: ComponentStatus): Impact {
  return status === 'major_outage'
    ? 'critical'
    : status === 'partial_outage'
      ? 'major'
      : status === 'degraded_performance'
        ? 'minor'
        : 'none';
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
export function componentStatuses(
  incidents: readonly PublicIncident[],
  catalog: CatalogIndex,
  now: number,
): Map<string, ComponentStatus> {
  const statuses = new Map<string, ComponentStatus>();
  for (const s of catalog.catalog.services)
    for (const c of catalog.componentIds(s.id)) statuses.set(`${s.id}/${c}`, 'operational');
  for (const incident of incidents) {
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
  /** Whether any maintenance is in progress: kept even when an incident on the same component outranks it. */
  maintenance: boolean;
}

/**
 * The page's status. `maintenanceActive` says whether a maintenance is in
 * progress anywhere (an incident on the same component hides it from the
 * component statuses); it defaults to what the statuses show.
 */
export function pageStatus(statuses: ReadonlyMap<string, ComponentStatus>, maintenanceActive?: boolean): PageStatus {
  let worst: ComponentStatus = 'operational';
  for (const s of statuses.values()) worst = worse(worst, s);
  const maintenance = maintenanceActive ?? [...statuses.values()].includes('under_maintenance');
  const impact = impactOf(worst);
  return { indicator: impact === 'none' && maintenance ? 'maintenance' : impact, worst, maintenance };
}

/** The page's status at `now` from public incidents: the one answer for the API, badge, banner, home and embed. */
export function currentPageStatus(
  incidents: readonly PublicIncident[],
  catalog: CatalogIndex,
  now: number,
): PageStatus & { statuses: Map<string, ComponentStatus> } {
  const statuses = componentStatuses(incidents, catalog, now);
  const maintenance = incidents.some((i) => isActiveMaintenance(i, now));
  return { ...pageStatus(statuses, maintenance), statuses };
}
