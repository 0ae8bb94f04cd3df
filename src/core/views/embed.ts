/**
 * The embeddable status for other sites (the provider's corporate site among
 * them): a small page that needs no JavaScript (an <iframe>) and a JSON with
 * both languages. Public incidents only, the same page status as everywhere.
 */
import { formatJst, localePath } from '../i18n/format.ts';
import { COMPONENT_STATUS_LABEL, INDICATOR_LABEL, type Lang } from '../i18n/labels.ts';
import {
  currentPageStatus,
  isActiveIncident,
  isActiveMaintenance,
  type ComponentStatus,
  type Indicator,
} from '../status/component-status.ts';
import { toJstIso } from '../time.ts';
import { incidentCard } from './incident-card.ts';
import { relatedIncidents } from './related.ts';
import { serviceBlocks } from './home.ts';
import { sortByStartDesc, type SiteData } from './site-data.ts';

/** An embed is a glance: at most this many incidents are listed, the rest counted. */
export const EMBED_LIST_MAX = 3;

export interface EmbedView {
  indicator: Indicator;
  label: string;
  /** Absolute URL of the status site in this language. */
  siteHref: string;
  siteName: string;
  generated: { iso: string; text: string };
  services: { name: string; status: ComponentStatus; statusLabel: string }[];
  current: { title: string; href: string; statusLabel: string }[];
  more: number;
}

function current(data: SiteData) {
  return sortByStartDesc(data.incidents).filter((i) => isActiveIncident(i) || isActiveMaintenance(i, data.now));
}

export function embedView(data: SiteData, lang: Lang, siteUrl: string): EmbedView {
  const page = currentPageStatus(data.incidents, data.catalog, data.now);
  const items = current(data);
  const active = items.map((i) => incidentCard(i, data.catalog, data.now, lang));
  // The list is short; an active maintenance must not disappear into "+N more" behind incidents (the banner keeps its line too).
  const shown = active.slice(0, EMBED_LIST_MAX);
  const hidden = items.findIndex((i, n) => n >= EMBED_LIST_MAX && i.type === 'maintenance');
  if (hidden >= 0 && !items.slice(0, EMBED_LIST_MAX).some((i) => i.type === 'maintenance'))
    shown[shown.length - 1] = active[hidden]!;
  return {
    indicator: page.indicator,
    label: INDICATOR_LABEL[page.indicator][lang],
    siteHref: `${siteUrl}${localePath(lang, '/')}`,
    siteName: data.catalog.catalog.site.name[lang],
    generated: { iso: toJstIso(data.now), text: formatJst(data.now, lang) },
    services: serviceBlocks(data, lang).map((s) => ({ name: s.name, status: s.status, statusLabel: s.statusLabel })),
    current: shown.map((c) => ({ title: c.title, href: `${siteUrl}${c.href}`, statusLabel: c.statusLabel })),
    more: Math.max(0, active.length - EMBED_LIST_MAX),
  };
}

/** The embed's JSON: both languages in one file, so a site in either language needs one request. */
export function embedJson(data: SiteData, siteUrl: string) {
  const page = currentPageStatus(data.incidents, data.catalog, data.now);
  const both = <T>(f: (lang: Lang) => T) => ({ ja: f('ja'), en: f('en') });
  return {
    generated_at: toJstIso(data.now),
    url: both((lang) => `${siteUrl}${localePath(lang, '/')}`),
    status: { indicator: page.indicator, description: INDICATOR_LABEL[page.indicator] },
    services: serviceBlocks(data, 'en').map((s) => ({
      id: s.id,
      name: data.catalog.service(s.id)!.name,
      status: s.status,
      description: COMPONENT_STATUS_LABEL[s.status],
    })),
    current: current(data).map((i) => ({
      id: i.id,
      type: i.type === 'maintenance' ? 'maintenance' : 'incident',
      name: i.title,
      status: incidentCard(i, data.catalog, data.now, 'en').status,
      url: both((lang) => `${siteUrl}${localePath(lang, `/incidents/${i.id}/`)}`),
      // Public incidents of the same event, each with its own clocks (see /api/related.json).
      related: relatedIncidents(i, data).map((r) => r.id),
    })),
  };
}
