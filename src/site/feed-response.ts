/** RSS responses from core feed items (the endpoint files stay one call each). */
import rss from '@astrojs/rss';
import type { Lang } from '../core/i18n/labels.ts';
import { feedItems, selectFeedItems, type FeedFilter } from '../core/views/feeds.ts';
import { memo } from './memo.ts';
import { siteData, siteUrl } from './data.ts';

export async function feedResponse(lang: Lang, title: string, filter: FeedFilter = {}): Promise<Response> {
  const data = await siteData();
  const base = siteUrl();
  const site = data.catalog.catalog.site;
  return rss({
    title: `${site.name[lang]}: ${title}`,
    description: site.name[lang],
    site: base,
    customData: `<language>${lang}</language>`,
    items: selectFeedItems(memo(`feed-${lang}`, () => feedItems(data, lang, base, {}, Infinity)), filter).map((i) => ({ title: i.title, link: i.link, pubDate: i.pubDate, description: i.description, categories: i.categories })),
  });
}
