/** Everything the incident page shows, computed: timeline, duration, targets met or missed, actions, postmortem. */
import { formatDuration, formatJst, localePath, machineTime } from '../i18n/format.ts';
import {
  COMPONENT_STATUS_LABEL,
  SEVERITY_LABEL,
  t,
  TYPE_LABEL,
  UPDATE_STATUS_LABEL,
  type Lang,
} from '../i18n/labels.ts';
import type { PublicIncident } from '../incident/public-incident.ts';
import type { Incident } from '../incident/schema.ts';
import { evaluateSla } from '../sla/clock.ts';
import { maintenanceState } from '../status/maintenance.ts';
import { isFinished } from '../incident/lifecycle.ts';
import { MINUTE_MS, toMs } from '../time.ts';
import { incidentCard, worstImpact, type IncidentCard } from './incident-card.ts';
import { relatedIncidents } from './related.ts';
import type { ComponentStatus } from '../status/component-status.ts';
import { notifiedOf } from '../sla/notified.ts';
import type { SiteData } from './site-data.ts';

export interface TargetRow {
  label: string;
  state: 'met' | 'missed' | 'running';
  stateLabel: string;
  detail: string;
}

export interface IncidentPageView {
  card: IncidentCard;
  /** How the current status is shown: finished reads as operational, otherwise the worst impact. */
  statusTone: ComponentStatus;
  typeLabel: string;
  severityLabel?: string;
  impact?: string;
  components: { name: string; statusLabel: string }[];
  updates: { status: string; statusLabel: string; iso: string; text: string; message: string; reopenReason?: string }[];
  duration?: string;
  /** While the incident is open: when the latest update promised the next one. */
  nextUpdate?: { iso: string; text: string };
  window?: { start: { iso: string; text: string }; end: { iso: string; text: string } };
  targets?: { rows: TargetRow[]; deskNote?: string };
  customerActions?: string;
  responsibility: string;
  postmortem?: { approved: boolean; summary?: string; approvedAt?: { iso: string; text: string } };
  external?: { url: string; name: string };
  serviceHref: string;
  /** Other incidents of the same event (public ones only), each with its own status and clocks. */
  related: RelatedItem[];
}

/** A related incident as listed on an incident page: its own current status and, for a failure, its own targets. */
export interface RelatedItem {
  href: string;
  title: string;
  statusLabel: string;
  statusTone: ComponentStatus;
  targets?: Pick<TargetRow, 'label' | 'state' | 'stateLabel'>[];
}

export function incidentPageView(incident: PublicIncident, data: SiteData, lang: Lang): IncidentPageView {
  const service = data.catalog.service(incident.service);
  const card = incidentCard(incident, data.catalog, data.now, lang);
  const isMaintenance = incident.type === 'maintenance';
  return {
    card,
    statusTone: statusToneOf(incident),
    typeLabel: TYPE_LABEL[incident.type]![lang],
    severityLabel: incident.severity ? SEVERITY_LABEL[incident.severity]![lang] : undefined,
    impact: incident.impact?.[lang],
    components: incident.components.map((c) => ({
      name: data.catalog.componentName(incident.service, c.id)?.[lang] ?? c.id,
      statusLabel: COMPONENT_STATUS_LABEL[c.status][lang],
    })),
    updates: [...incident.updates].reverse().map((u) => ({
      status: u.status,
      statusLabel: UPDATE_STATUS_LABEL[u.status]![lang],
      iso: machineTime(u.at),
      text: formatJst(u.at, lang),
      message: u.message[lang],
      reopenReason: u.reopen_reason,
    })),
    duration: isMaintenance ? undefined : durationText(incident, data.now, lang),
    nextUpdate: nextUpdateOf(incident, lang),
    window: incident.window
      ? {
          start: { iso: incident.window.start, text: formatJst(incident.window.start, lang) },
          end: { iso: incident.window.end, text: formatJst(incident.window.end, lang) },
        }
      : undefined,
    targets: isMaintenance || !service ? undefined : targets(incident, service, data, lang),
    customerActions: incident.customer_actions?.[lang],
    related: relatedIncidents(incident, data).map((r) => relatedItem(r, data, lang)),
    responsibility: service?.customer_responsibility[lang] ?? '',
    postmortem: incident.postmortem
      ? {
          approved: incident.postmortem.status === 'approved',
          summary: incident.postmortem.status === 'approved' ? incident.postmortem.summary?.[lang] : undefined,
          approvedAt: incident.postmortem.approved_at
            ? { iso: incident.postmortem.approved_at, text: formatJst(incident.postmortem.approved_at, lang) }
            : undefined,
        }
      : undefined,
    external: service?.channel.external_url
      ? {
          url: service.channel.external_url,
          name: service.channel.external_name?.[lang] ?? service.channel.external_url,
        }
      : undefined,
    serviceHref: localePath(lang, `/services/${incident.service}/`),
  };
}

function statusToneOf(incident: Incident): ComponentStatus {
  return isFinished(incident)
    ? 'operational'
    : incident.type === 'maintenance'
      ? 'under_maintenance'
      : worstImpact(incident);
}

/** The same card, tone and target rows as the related incident's own page shows: each keeps its own clocks. */
function relatedItem(related: PublicIncident, data: SiteData, lang: Lang): RelatedItem {
  const card = incidentCard(related, data.catalog, data.now, lang);
  const service = data.catalog.service(related.service);
  const rows = related.type === 'maintenance' || !service ? undefined : targets(related, service, data, lang)?.rows;
  return {
    href: card.href,
    title: card.title,
    statusLabel: card.statusLabel,
    statusTone: statusToneOf(related),
    ...(rows ? { targets: rows.map(({ label, state, stateLabel }) => ({ label, state, stateLabel })) } : {}),
  };
}

function nextUpdateOf(incident: Incident, lang: Lang): IncidentPageView['nextUpdate'] {
  const promised = incident.updates.at(-1)!.next_update_at;
  return promised && !isFinished(incident)
    ? { iso: machineTime(promised), text: formatJst(promised, lang) }
    : undefined;
}

function durationText(incident: Incident, now: number, lang: Lang): string {
  const start = toMs(incident.detection?.at ?? incident.updates[0]!.at);
  const end = incident.recovered_at
    ? toMs(incident.recovered_at)
    : isFinished(incident)
      ? toMs(incident.updates.at(-1)!.at)
      : now;
  const text = formatDuration((end - start) / MINUTE_MS, lang);
  if (incident.recovered_at || isFinished(incident)) return text;
  return lang === 'ja' ? `${text}（${t('ongoing', lang)}）` : `${text} (${t('ongoing', lang)})`;
}

/**
 * Notification is judged by the one definition (the page verified live after
 * a deploy, from the ledger); without that record the row says it is not yet
 * evidenced instead of borrowing the time the update was written.
 */
function targets(
  incident: Incident,
  service: NonNullable<ReturnType<SiteData['catalog']['service']>>,
  data: SiteData,
  lang: Lang,
): IncidentPageView['targets'] {
  const notified = notifiedOf(incident, data.ledger);
  const sla = evaluateSla(incident, service, data.now, notified.at);
  if (!sla) return undefined;
  const label = (s: TargetRow['state']) => t(s, lang);
  const after = (minutes: number) =>
    lang === 'ja'
      ? `${t('afterStart', lang)} ${formatDuration(minutes, lang)}`
      : `${formatDuration(minutes, lang)} ${t('afterStart', lang)}`;
  const rows: TargetRow[] = [
    {
      label: t('notifyTarget', lang),
      state: sla.notify.state,
      stateLabel: label(sla.notify.state),
      detail:
        notified.at !== undefined
          ? `${t('verifiedLive', lang)}: ${formatJst(notified.at, lang)} (${after(sla.notify.elapsedMinutes)})`
          : t('notEvidenced', lang),
    },
    {
      label: t('recoverTarget', lang),
      state: sla.recover.state,
      stateLabel: label(sla.recover.state),
      detail:
        sla.recover.at !== undefined
          ? `${t('recovered', lang)}: ${formatJst(sla.recover.at, lang)} (${after(sla.recover.elapsedMinutes)})`
          : after(sla.recover.elapsedMinutes),
    },
  ];
  return { rows, deskNote: sla.startRule === 'desk-opening' ? t('clockStartDesk', lang) : undefined };
}
