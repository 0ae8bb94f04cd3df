/**
 * Related incidents (concurrent failures kept apart but linked), both ways:
 * the ids this incident lists and the incidents that list it. Only public
 * incidents exist in the site data: a customer-scope id never reaches a page.
 */
import type { PublicIncident } from '../incident/public-incident.ts';
import type { SiteData } from './site-data.ts';

export function relatedIncidents(incident: PublicIncident, data: SiteData): PublicIncident[] {
  const listed = new Set(incident.related ?? []);
  return data.incidents.filter((i) => i.id !== incident.id && (listed.has(i.id) || (i.related ?? []).includes(incident.id))).sort((a, b) => (a.id < b.id ? -1 : 1));
}
