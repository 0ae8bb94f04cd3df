/** The home page: one overall line, services with component status and 90-day history, incidents and maintenance. */
import { localePath } from '../i18n/format.ts';
import { COMPONENT_STATUS_LABEL, INDICATOR_LABEL, type Lang } from '../i18n/labels.ts';
import {
  componentStatuses,
  currentPageStatus,
  isActiveIncident,
  isActiveMaintenance,
  pageStatus,
  type ComponentStatus,
  type Indicator,
} from '../status/component-status.ts';
import { isUpcomingMaintenance } from '../status/maintenance.ts';
import { incidentCard, type IncidentCard } from './incident-card.ts';
import { historyStrip, type HistoryStrip } from './history-strip.ts';
import { sortByStartDesc, type SiteData } from './site-data.ts';

export interface ComponentRow {
  id: string;
  name: string;
  status: ComponentStatus;
  statusLabel: string;
  history: HistoryStrip;
  feedHref: string;
}

export interface ServiceBlock {
  id: string;
  name: string;
  description: string;
  href: string;
  status: ComponentStatus;
  statusLabel: string;
  external?: { url: string; name: string };
  groups: { id: string; name: string; components: ComponentRow[] }[];
}

/** One service in the compact view: its status and only the components that are not operational. */
export interface GlanceRow {
  id: string;
  name: string;
  href: string;
  status: ComponentStatus;
  statusLabel: string;
  affected: { id: string; name: string; status: ComponentStatus; statusLabel: string; href: string }[];
}

export interface HomeView {
  overall: { indicator: Indicator; label: string; maintenance: boolean };
  /** Many incidents at once: cards shrink to one line each and a component summary comes first, so every status fits the first screen of a phone. */
  compact: boolean;
  glance: GlanceRow[];
  services: ServiceBlock[];
  active: IncidentCard[];
  activeMaintenance: IncidentCard[];
  upcomingMaintenance: IncidentCard[];
  recent: IncidentCard[];
}

/** How many past incidents the home page lists; the page must not grow with the archive. */
export const RECENT_ON_HOME = 5;
/** From this many active incidents and maintenance, the home page switches to its compact view. */
export const COMPACT_FROM = 4;

export function serviceBlocks(data: SiteData, lang: Lang, only?: string): ServiceBlock[] {
  const statuses = componentStatuses(data.incidents, data.catalog, data.now);
  return data.catalog.catalog.services
    .filter((s) => !only || s.id === only)
    .map((service) => {
      const groups = service.component_groups.map((g) => ({
        id: g.id,
        name: g.name[lang],
        components: g.components.map((c) => {
          const status = statuses.get(`${service.id}/${c.id}`) ?? 'operational';
          return {
            id: c.id,
            name: c.name[lang],
            status,
            statusLabel: COMPONENT_STATUS_LABEL[status][lang],
            history: historyStrip(data, service.id, c.id, lang),
            feedHref: localePath(lang, `/components/${service.id}/${c.id}/feed.xml`),
          };
        }),
      }));
      const worst = pageStatus(
        new Map(groups.flatMap((g) => g.components.map((c) => [c.id, c.status] as const))),
      ).worst;
      return {
        id: service.id,
        name: service.name[lang],
        description: service.description[lang],
        href: localePath(lang, `/services/${service.id}/`),
        status: worst,
        statusLabel: COMPONENT_STATUS_LABEL[worst][lang],
        external: service.channel.external_url
          ? {
              url: service.channel.external_url,
              name: service.channel.external_name?.[lang] ?? service.channel.external_url,
            }
          : undefined,
        groups,
      };
    });
}

export function homeView(data: SiteData, lang: Lang): HomeView {
  const incidents = sortByStartDesc(data.incidents);
  const page = currentPageStatus(incidents, data.catalog, data.now);
  const card = (i: (typeof incidents)[number]) => incidentCard(i, data.catalog, data.now, lang);
  const services = serviceBlocks(data, lang);
  const active = incidents.filter(isActiveIncident).map(card);
  const activeMaintenance = incidents.filter((i) => isActiveMaintenance(i, data.now)).map(card);
  return {
    overall: { indicator: page.indicator, label: INDICATOR_LABEL[page.indicator][lang], maintenance: page.maintenance },
    compact: active.length + activeMaintenance.length >= COMPACT_FROM,
    glance: services.map((s) => ({
      id: s.id,
      name: s.name,
      href: `#svc-${s.id}`,
      status: s.status,
      statusLabel: s.statusLabel,
      affected: s.groups
        .flatMap((g) => g.components)
        .filter((c) => c.status !== 'operational')
        .map((c) => ({ id: c.id, name: c.name, status: c.status, statusLabel: c.statusLabel, href: `#c-${c.id}` })),
    })),
    services,
    active,
    activeMaintenance,
    upcomingMaintenance: incidents
      .filter((i) => isUpcomingMaintenance(i, data.now))
      .reverse()
      .map(card),
    recent: incidents
      .filter((i) => i.type !== 'maintenance' && !isActiveIncident(i))
      .slice(0, RECENT_ON_HOME)
      .map(card),
  };
}
