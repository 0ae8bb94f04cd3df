/**
 * Feed items: every public update is its own item. Its link, which RSS
 * readers take as the GUID, is the incident page plus `#update-<n>` (n counts
 * from 1 in publication order): stable, because updates are append-only, so
 * readers see each update exactly once.
 */
import { localePath } from '../i18n/format.ts';
import { UPDATE_STATUS_LABEL, type Lang } from '../i18n/labels.ts';
import type { Incident } from '../incident/schema.ts';
import { toMs } from '../time.ts';
import { incidentHref } from './incident-card.ts';
import { renderRss } from './rss.ts';
import type { SiteData } from './site-data.ts';

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
export function feedItems(
  data: SiteData,
  lang: Lang,
  siteUrl: string,
  filter: FeedFilter = {},
  limit = 100,
): FeedItem[] {
  const items = data.incidents
    .filter((i) => matches(i, filter))
    .flatMap((i) =>
      i.updates.map((u, n) => ({
        title: `[${UPDATE_STATUS_LABEL[u.status]![lang]}] ${i.title[lang]}`,
        link: `${siteUrl}${incidentHref(i.id, lang)}#update-${n + 1}`,
        pubDate: new Date(toMs(u.at)),
        // Exactly the message: readers show pubDate; the rendering step escapes it.
        description: u.message[lang],
        categories: [i.service, ...i.components.map((c) => `${i.service}/${c.id}`)],
      })),
    );
  return items
    .sort((a, b) => b.pubDate.getTime() - a.pubDate.getTime() || a.link.localeCompare(b.link))
    .slice(0, limit);
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

const FEED_TITLE: Record<Lang, string> = { ja: 'すべてのお知らせ', en: 'All notices' };

/** Where a feed lives and which page it follows: the home, a service page, or a component on its service page. */
export function feedPaths(filter: FeedFilter): { feed: string; page: string } {
  if (filter.service && filter.component)
    return {
      feed: `/components/${filter.service}/${filter.component}/feed.xml`,
      page: `/services/${filter.service}/#c-${filter.component}`,
    };
  if (filter.service) return { feed: `/services/${filter.service}/feed.xml`, page: `/services/${filter.service}/` };
  return { feed: '/feed.xml', page: '/' };
}

/** The whole RSS document of one feed; `all` is the site's items in this language (computed once per build). */
export function feedDocument(
  data: SiteData,
  lang: Lang,
  siteUrl: string,
  filter: FeedFilter,
  all: readonly FeedItem[],
): string {
  const site = data.catalog.catalog.site;
  const service = filter.service ? data.catalog.catalog.services.find((s) => s.id === filter.service) : undefined;
  const component = service && filter.component ? data.catalog.componentName(service.id, filter.component) : undefined;
  const subject = service
    ? component
      ? `${service.name[lang]} ${component[lang]}`
      : service.name[lang]
    : FEED_TITLE[lang];
  const paths = feedPaths(filter);
  return renderRss(
    {
      title: `${site.name[lang]}: ${subject}`,
      description: site.name[lang],
      link: `${siteUrl}${localePath(lang, paths.page)}`,
      self: `${siteUrl}${localePath(lang, paths.feed)}`,
      language: lang,
      lastBuildDate: data.now,
    },
    selectFeedItems(all, filter),
  );
}
