/** The short form of an incident used in lists, feeds and the home page. */
import type { CatalogIndex } from '../catalog/index.ts';
import { formatJst, localePath, machineTime } from '../i18n/format.ts';
import { UPDATE_STATUS_LABEL, type Lang } from '../i18n/labels.ts';
import type { Incident } from '../incident/schema.ts';
import { impactOf, worse, type ComponentStatus, type Impact } from '../status/component-status.ts';
import { maintenanceState } from '../status/maintenance.ts';
import { startOf } from './site-data.ts';

export interface IncidentCard {
  id: string;
  href: string;
  title: string;
  serviceName: string;
  isMaintenance: boolean;
  status: string;
  statusLabel: string;
  impact: Impact | 'maintenance';
  started: { iso: string; text: string };
  latest: { iso: string; text: string; message: string };
  components: string[];
}

export function worstImpact(incident: Incident): ComponentStatus {
  return incident.components.reduce<ComponentStatus>((w, c) => worse(w, c.status), 'operational');
}

export function incidentHref(id: string, lang: Lang): string {
  return localePath(lang, `/incidents/${id}/`);
}

export function incidentCard(incident: Incident, catalog: CatalogIndex, now: number, lang: Lang): IncidentCard {
  const latest = incident.updates[incident.updates.length - 1]!;
  const status = incident.type === 'maintenance' ? maintenanceState(incident, now) : latest.status;
  return {
    id: incident.id,
    href: incidentHref(incident.id, lang),
    title: incident.title[lang],
    serviceName: catalog.service(incident.service)?.name[lang] ?? incident.service,
    isMaintenance: incident.type === 'maintenance',
    status,
    statusLabel: UPDATE_STATUS_LABEL[status]?.[lang] ?? status,
    impact: incident.type === 'maintenance' ? 'maintenance' : impactOf(worstImpact(incident)),
    started: { iso: machineTime(startOf(incident)), text: formatJst(startOf(incident), lang) },
    latest: { iso: machineTime(latest.at), text: formatJst(latest.at, lang), message: latest.message[lang] },
    components: incident.components.map((c) => catalog.componentName(incident.service, c.id)?.[lang] ?? c.id),
  };
}
