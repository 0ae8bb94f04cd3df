/**
 * A 90-day strip that is cheap to ship and readable without colour: the
 * strip itself is a single CSS gradient built from runs of equal status
 * (decorative), and the same facts are text: uptime, and a list of the days
 * that had impact with their status and incidents.
 */
import { formatJstDate } from '../i18n/format.ts';
import { COMPONENT_STATUS_LABEL, t, type Lang } from '../i18n/labels.ts';
import { componentHistory, intervalsFor, statusRuns } from '../status/history.ts';
import type { ComponentStatus } from '../status/component-status.ts';
import { jstTimeMs } from '../time.ts';
import { incidentHref } from './incident-card.ts';
import type { SiteData } from './site-data.ts';

export interface HistoryStrip {
  /** CSS background for the decorative bar, from runs of equal status. */
  gradient: string;
  uptimeText: string;
  impactDays: {
    date: string;
    dateText: string;
    status: ComponentStatus;
    statusLabel: string;
    incidents: { title: string; href: string }[];
  }[];
}

const COLOUR_VAR: Record<ComponentStatus, string> = {
  operational: 'var(--ok)',
  under_maintenance: 'var(--maint)',
  degraded_performance: 'var(--minor)',
  partial_outage: 'var(--major)',
  major_outage: 'var(--critical)',
};

export function historyStrip(
  data: SiteData,
  serviceId: string,
  componentId: string,
  lang: Lang,
  days = 90,
): HistoryStrip {
  const incidents = data.incidents;
  const history = componentHistory(intervalsFor(incidents, serviceId, componentId, data.now), data.now, days);
  const stops = statusRuns(history.days).map((r) => {
    // One decimal is finer than a pixel on any screen; it keeps the strip short.
    const from = +((r.from / days) * 100).toFixed(1);
    const to = +(((r.from + r.length) / days) * 100).toFixed(1);
    return `${COLOUR_VAR[r.status]} ${from}% ${to}%`;
  });
  const titles = new Map(incidents.map((i) => [i.id, i.title[lang]]));
  return {
    gradient: `linear-gradient(90deg,${stops.join(',')})`,
    uptimeText: `${history.uptime.toFixed(2)}% ${t('uptime', lang)}`,
    impactDays: history.days
      .filter((d) => d.status !== 'operational')
      .map((d) => ({
        date: d.date,
        dateText: formatJstDate(jstTimeMs(d.date), lang),
        status: d.status,
        statusLabel: COMPONENT_STATUS_LABEL[d.status][lang],
        incidents: d.incidentIds.map((id) => ({ title: titles.get(id) ?? id, href: incidentHref(id, lang) })),
      })),
  };
}
