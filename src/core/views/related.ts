/**
 * Related incidents (concurrent failures kept apart but linked), both ways:
 * the ids this incident lists and the incidents that list it. Only public
 * incidents of the site data: a customer-scope id never reaches a page.
 */
import type { Incident } from '../incident/schema.ts';
import type { SiteData } from './site-data.ts';

export function relatedIncidents(incident: Incident, data: SiteData): Incident[] {
  const pub = data.incidents.filter((i) => i.scope === 'public' && i.id !== incident.id);
  const listed = new Set(incident.related ?? []);
  return pub.filter((i) => listed.has(i.id) || (i.related ?? []).includes(incident.id)).sort((a, b) => (a.id < b.id ? -1 : 1));
}
