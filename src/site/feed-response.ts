/** RSS responses from core feed documents (the endpoint files stay one call each). */
import type { Lang } from '../core/i18n/labels.ts';
import { feedDocument, feedItems, type FeedFilter } from '../core/views/feeds.ts';
import { memo } from './memo.ts';
import { siteData } from './data.ts';

export async function feedResponse(lang: Lang, filter: FeedFilter = {}): Promise<Response> {
  const data = await siteData();
  const all = memo(`feed-${lang}`, () => feedItems(data, lang, data.siteUrl, {}, Infinity));
  return new Response(feedDocument(data, lang, data.siteUrl, filter, all), {
    headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' },
  });
}
