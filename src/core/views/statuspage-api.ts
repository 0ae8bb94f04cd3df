/**
 * Statuspage API v2-compatible JSON (field names and enums as documented),
 * from public data only. English text in the standard fields; timestamps
 * with offsets (JST).
 */
import type { PublicIncident } from '../incident/public-incident.ts';
import type { Incident } from '../incident/schema.ts';
import { INDICATOR_LABEL } from '../i18n/labels.ts';
import { currentPageStatus, impactOf, isActiveIncident, type ComponentStatus } from '../status/component-status.ts';
import { maintenanceState } from '../status/maintenance.ts';
import { JST_TIME_ZONE, toJstIso, toMs } from '../time.ts';
import { incidentHref, worstImpact } from './incident-card.ts';
import { sortByStartDesc, type SiteData } from './site-data.ts';

const PAGE_ID = 'status-portal';
/** Statuspage lists the 50 most recent incidents; unresolved ones are never dropped to make room. */
export const RECENT = 50;

export interface StatuspageApi {
  'summary.json': unknown;
  'status.json': unknown;
  'components.json': unknown;
  'incidents.json': unknown;
  'incidents/unresolved.json': unknown;
  'scheduled-maintenances.json': unknown;
  'scheduled-maintenances/upcoming.json': unknown;
  'scheduled-maintenances/active.json': unknown;
}

export function statuspageApi(data: SiteData, siteUrl: string): StatuspageApi {
  const incidents = sortByStartDesc(data.incidents);
  const current = currentPageStatus(incidents, data.catalog, data.now);
  const statuses = current.statuses;
  const updatedAt = latestUpdate(incidents) ?? data.now;
  // The page's updated_at is when this JSON was generated: a stale copy shows its age.
  const page = {
    id: PAGE_ID,
    name: data.catalog.catalog.site.name.en,
    url: siteUrl,
    time_zone: JST_TIME_ZONE,
    updated_at: toJstIso(data.now),
  };
  const indicator = current.indicator;
  const status = { indicator, description: INDICATOR_LABEL[indicator].en };
  const components = componentList(data, statuses, updatedAt);
  const unplanned = incidents.filter((i) => i.type !== 'maintenance');
  const maintenance = incidents.filter((i) => i.type === 'maintenance');
  const toIncident = (i: Incident) => incidentObject(i, data, siteUrl, components);
  const unresolved = unplanned.filter(isActiveIncident).map(toIncident);
  const upcoming = maintenance.filter((i) => maintenanceState(i, data.now) === 'scheduled').map(toIncident);
  const active = maintenance
    .filter((i) => ['in_progress', 'verifying'].includes(maintenanceState(i, data.now)))
    .map(toIncident);
  return {
    'summary.json': {
      page,
      status,
      components,
      incidents: unresolved,
      scheduled_maintenances: [...active, ...upcoming],
    },
    'status.json': { page, status },
    'components.json': { page, components },
    'incidents.json': { page, incidents: recentKeeping(unplanned, isActiveIncident).map(toIncident) },
    'incidents/unresolved.json': { page, incidents: unresolved },
    'scheduled-maintenances.json': {
      page,
      scheduled_maintenances: recentKeeping(maintenance, (i) => maintenanceState(i, data.now) !== 'completed').map(
        toIncident,
      ),
    },
    'scheduled-maintenances/upcoming.json': { page, scheduled_maintenances: upcoming },
    'scheduled-maintenances/active.json': { page, scheduled_maintenances: active },
  };
}

/** The `RECENT` newest, plus every one that `keep` says must stay (unresolved), newest first. */
function recentKeeping(newestFirst: readonly Incident[], keep: (i: Incident) => boolean): Incident[] {
  return newestFirst.filter((i, n) => n < RECENT || keep(i));
}

/**
 * One incident in the Statuspage shape as of `data.now`, for pushed updates
 * (the webhook payload is the same object as the API's). `data` holds the
 * public incidents the component statuses are computed from.
 */
export function statuspageIncident(incident: PublicIncident, data: SiteData, siteUrl: string) {
  const incidents = data.incidents;
  const current = currentPageStatus(incidents, data.catalog, data.now);
  const components = componentList(data, current.statuses, latestUpdate(incidents) ?? data.now);
  return {
    page: {
      id: PAGE_ID,
      status_indicator: current.indicator,
      status_description: INDICATOR_LABEL[current.indicator].en,
    },
    incident: incidentObject(incident, data, siteUrl, components),
    components,
  };
}

export { PAGE_ID, componentId as statuspageComponentId };
export type { ComponentObject };

interface ComponentObject {
  id: string;
  page_id: string;
  group_id: string | null;
  name: string;
  description: string | null;
  status: ComponentStatus;
  position: number;
  showcase: boolean;
  start_date: string | null;
  group: boolean;
  only_show_if_degraded: boolean;
  created_at: string;
  updated_at: string;
  components?: string[];
}

function componentList(
  data: SiteData,
  statuses: ReadonlyMap<string, ComponentStatus>,
  updatedAt: number,
): ComponentObject[] {
  const stamp = toJstIso(updatedAt);
  const out: ComponentObject[] = [];
  let position = 1;
  for (const service of data.catalog.catalog.services) {
    const ids = data.catalog.componentIds(service.id);
    const worst = ids.reduce<ComponentStatus>((w, c) => {
      const s = statuses.get(`${service.id}/${c}`) ?? 'operational';
      return rank(s) > rank(w) ? s : w;
    }, 'operational');
    out.push({
      ...base(service.id, null, service.name.en, service.description.en, worst, position++, stamp),
      group: true,
      components: ids.map((c) => componentId(service.id, c)),
    });
    for (const group of service.component_groups) {
      for (const c of group.components) {
        out.push(
          base(
            componentId(service.id, c.id),
            service.id,
            c.name.en,
            `${group.name.en}: ${c.name.en}`,
            statuses.get(`${service.id}/${c.id}`) ?? 'operational',
            position++,
            stamp,
          ),
        );
      }
    }
  }
  return out;
}

function base(
  id: string,
  groupId: string | null,
  name: string,
  description: string,
  status: ComponentStatus,
  position: number,
  stamp: string,
): ComponentObject {
  return {
    id,
    page_id: PAGE_ID,
    group_id: groupId,
    name,
    description,
    status,
    position,
    showcase: true,
    start_date: null,
    group: false,
    only_show_if_degraded: false,
    created_at: stamp,
    updated_at: stamp,
  };
}

const rank = (s: ComponentStatus) =>
  ['operational', 'under_maintenance', 'degraded_performance', 'partial_outage', 'major_outage'].indexOf(s);
const componentId = (service: string, component: string) => `${service}-${component}`;

function incidentObject(i: Incident, data: SiteData, siteUrl: string, components: readonly ComponentObject[]) {
  const isMaintenance = i.type === 'maintenance';
  const firstAt = (status: string) => i.updates.find((u) => u.status === status)?.at;
  const last = i.updates[i.updates.length - 1]!;
  const published = i.postmortem?.status === 'approved';
  // Statuspage moves a resolved incident to `postmortem` once its postmortem is published.
  const status = isMaintenance
    ? maintenanceState(i, data.now)
    : last.status === 'resolved' && published
      ? 'postmortem'
      : last.status;
  const lastResolved = [...i.updates].reverse().find((u) => u.status === 'resolved');
  const affected = i.components
    .map((c) => components.find((x) => x.id === componentId(i.service, c.id))!)
    .filter(Boolean);
  return {
    id: i.id,
    page_id: PAGE_ID,
    name: i.title.en,
    status,
    impact: isMaintenance ? 'maintenance' : impactOf(worstImpact(i)),
    created_at: i.updates[0]!.at,
    updated_at: last.at,
    started_at: isMaintenance ? (i.window?.start ?? i.updates[0]!.at) : (i.detection?.at ?? i.updates[0]!.at),
    monitoring_at: firstAt(isMaintenance ? 'verifying' : 'monitoring') ?? null,
    resolved_at: (isMaintenance ? firstAt('completed') : last.status === 'resolved' ? lastResolved?.at : null) ?? null,
    shortlink: `${siteUrl}${incidentHref(i.id, 'en')}`,
    ...(isMaintenance ? { scheduled_for: i.window?.start ?? null, scheduled_until: i.window?.end ?? null } : {}),
    postmortem_body: published ? (i.postmortem!.summary?.en ?? null) : null,
    postmortem_published_at: published ? (i.postmortem!.approved_at ?? null) : null,
    components: affected,
    incident_updates: i.updates
      .map((u, n) => ({
        id: `${i.id}-${n + 1}`,
        incident_id: i.id,
        status: u.status,
        body: u.message.en,
        created_at: u.at,
        updated_at: u.at,
        display_at: u.at,
        affected_components:
          n === 0
            ? i.components.map((c) => ({
                code: componentId(i.service, c.id),
                name: data.catalog.componentName(i.service, c.id)?.en ?? c.id,
                old_status: 'operational',
                new_status: c.status,
              }))
            : null,
        deliver_notifications: true,
        custom_tweet: null,
        tweet_id: null,
      }))
      .reverse(),
  };
}

function latestUpdate(incidents: readonly Incident[]): number | undefined {
  let latest: number | undefined;
  for (const i of incidents) for (const u of i.updates) latest = Math.max(latest ?? 0, toMs(u.at));
  return latest;
}
