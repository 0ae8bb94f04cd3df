/**
 * Feed items: every public update is its own item. Its link, which RSS
 * readers take as the GUID, is the incident page plus `#update-<n>` (n counts
 * from 1 in publication order): stable, because updates are append-only, so
 * readers see each update exactly once.
 */
import { formatJst } from '../i18n/format.ts';
import { UPDATE_STATUS_LABEL, type Lang } from '../i18n/labels.ts';
import type { Incident } from '../incident/schema.ts';
import { toMs } from '../time.ts';
import { incidentHref } from './incident-card.ts';
import { publicIncidents, type SiteData } from './site-data.ts';

export interface FeedItem {
  title: string;
  link: string;
  pubDate: Date;
  description: string;
  categories: string[];
}

export interface FeedFilter {
  service?: string;
  component?: string;
}

/** Most recent first, at most `limit` items. */
export function feedItems(data: SiteData, lang: Lang, siteUrl: string, filter: FeedFilter = {}, limit = 100): FeedItem[] {
  const items = publicIncidents(data)
    .filter((i) => matches(i, filter))
    .flatMap((i) =>
      i.updates.map((u, n) => ({
        title: `[${UPDATE_STATUS_LABEL[u.status]![lang]}] ${i.title[lang]}`,
        link: `${siteUrl}${incidentHref(i.id, lang)}#update-${n + 1}`,
        pubDate: new Date(toMs(u.at)),
        description: `${u.message[lang]} (${formatJst(u.at, lang)})`,
        categories: [i.service, ...i.components.map((c) => `${i.service}/${c.id}`)],
      })),
    );
  return items.sort((a, b) => b.pubDate.getTime() - a.pubDate.getTime() || a.link.localeCompare(b.link)).slice(0, limit);
}

function matches(i: Incident, f: FeedFilter): boolean {
  if (f.service && i.service !== f.service) return false;
  if (f.component && !i.components.some((c) => c.id === f.component)) return false;
  return true;
}

/** The items of one service or component feed, from the whole site's items (newest first), at most `limit`. */
export function selectFeedItems(all: readonly FeedItem[], filter: FeedFilter, limit = 100): FeedItem[] {
  const category = filter.component ? `${filter.service}/${filter.component}` : filter.service;
  return (category ? all.filter((i) => i.categories.includes(category)) : all).slice(0, limit);
}
