/**
 * Related incidents (concurrent failures kept apart but linked), both ways:
 * the ids this incident lists and the incidents that list it. Only public
 * incidents exist in the site data: a customer-scope id never reaches a page
 * or the API, not even as a link.
 */
import { localePath } from '../i18n/format.ts';
import type { PublicIncident } from '../incident/public-incident.ts';
import { evaluateSla, type TargetFigures } from '../sla/clock.ts';
import { notifiedOf } from '../sla/notified.ts';
import { toJstIso } from '../time.ts';
import { incidentCard } from './incident-card.ts';
import { sortByStartDesc, startOf, type SiteData } from './site-data.ts';

export function relatedIncidents(incident: PublicIncident, data: SiteData): PublicIncident[] {
  const listed = new Set(incident.related ?? []);
  return data.incidents
    .filter((i) => i.id !== incident.id && (listed.has(i.id) || (i.related ?? []).includes(incident.id)))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * `/api/related.json`: every public incident linked to another public one,
 * newest first, with the ids on both sides and its own status and clocks
 * (related incidents are kept apart precisely so that each keeps its own).
 * The clocks are the incident page's: notification counts once the page was
 * verified live (the ledger), recovery at `recovered_at`.
 */
export function relatedJson(data: SiteData, siteUrl: string) {
  const both = <T>(f: (lang: 'ja' | 'en') => T) => ({ ja: f('ja'), en: f('en') });
  return {
    generated_at: toJstIso(data.now),
    incidents: sortByStartDesc(data.incidents).flatMap((i) => {
      const related = relatedIncidents(i, data);
      if (!related.length) return [];
      const card = incidentCard(i, data.catalog, data.now, 'en');
      return [
        {
          id: i.id,
          type: i.type === 'maintenance' ? 'maintenance' : 'incident',
          service: i.service,
          name: i.title,
          status: card.status,
          impact: card.impact,
          started_at: startOf(i),
          url: both((lang) => `${siteUrl}${localePath(lang, `/incidents/${i.id}/`)}`),
          related: related.map((r) => r.id),
          clocks: clocksOf(i, data),
        },
      ];
    }),
  };
}

function clocksOf(incident: PublicIncident, data: SiteData) {
  const service = data.catalog.service(incident.service);
  const sla = service && evaluateSla(incident, service, data.now, notifiedOf(incident, data.ledger).at);
  if (!sla) return null;
  const target = (t: TargetFigures) => ({
    state: t.state,
    due_at: toJstIso(t.by),
    at: t.at === undefined ? null : toJstIso(t.at),
  });
  return {
    started_at: toJstIso(sla.clockStart),
    start_rule: sla.startRule,
    notify: target(sla.notify),
    recover: target(sla.recover),
  };
}
