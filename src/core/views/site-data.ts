/** What every page view is computed from. */
import type { CatalogIndex } from '../catalog/index.ts';
import type { Ledger } from '../ledger/ledger.ts';
import type { PublicIncident } from '../incident/public-incident.ts';
import type { Incident } from '../incident/schema.ts';

export interface SiteData {
  /** The SLA engine's ledger, when available: when each page was verified live. */
  ledger?: Ledger;
  /** Valid, public-scope incidents only: the type says they passed the one public-scope filter. */
  incidents: readonly PublicIncident[];
  catalog: CatalogIndex;
  now: number;
}

/** Newest first, by the time it started (detection, or the maintenance window). */
export function startOf(incident: Incident): string {
  return incident.type === 'maintenance'
    ? (incident.window?.start ?? incident.updates[0]!.at)
    : (incident.detection?.at ?? incident.updates[0]!.at);
}

/** Newest first; each start parsed once (a comparator that parsed dates dominated large builds). */
export function sortByStartDesc<T extends Incident>(incidents: readonly T[]): T[] {
  return incidents
    .map((i) => ({ i, t: Date.parse(startOf(i)) }))
    .sort((a, b) => b.t - a.t || (a.i.id < b.i.id ? -1 : a.i.id > b.i.id ? 1 : 0))
    .map((x) => x.i);
}
