/**
 * RSS 2.0 documents from core feed items. Readers (feedparser, rss-parser,
 * browsers' reader views) treat an RSS <description> as HTML, so message text
 * is escaped twice: once as HTML (so `<b>` or `&amp;` in a message stays text
 * once the reader decodes it), once as XML. Titles are escaped once: readers
 * show them as plain text. Line breaks in a message become <br> so readers
 * keep them, as the page does.
 */
import { escapeHtml } from '../text/escape-html.ts';

export interface RssChannel {
  title: string;
  description: string;
  /** The page this feed follows (the home or the service page), in the feed's language. */
  link: string;
  /** The feed's own URL, for atom:link rel="self". */
  self: string;
  language: string;
  /** The build instant. */
  lastBuildDate: number;
}

export interface RssItem {
  title: string;
  link: string;
  pubDate: Date;
  /** Plain text, exactly as written; escaped here. */
  description: string;
  categories: string[];
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escape text for XML character data or attribute values; control characters XML 1.0 forbids are dropped. */
export function escapeXml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return (
    text
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      // A lone surrogate is not an XML character and cannot be written as UTF-8.
      .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '')
      .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!)
  );
}

/** Plain text as an HTML fragment that renders as exactly that text (line breaks kept). */
export function textAsHtml(text: string): string {
  return escapeHtml(text).replace(/\r\n?|\n/g, '<br>\n');
}

const el = (name: string, text: string) => `<${name}>${escapeXml(text)}</${name}>`;

export function renderRss(channel: RssChannel, items: readonly RssItem[]): string {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">',
    '<channel>',
    el('title', channel.title),
    el('description', channel.description),
    el('link', channel.link),
    `<atom:link href="${escapeXml(channel.self)}" rel="self" type="application/rss+xml"/>`,
    el('language', channel.language),
    el('lastBuildDate', new Date(channel.lastBuildDate).toUTCString()),
  ];
  for (const i of items) {
    out.push(
      '<item>',
      el('title', i.title),
      el('link', i.link),
      `<guid isPermaLink="true">${escapeXml(i.link)}</guid>`,
      el('description', textAsHtml(i.description)),
      el('pubDate', i.pubDate.toUTCString()),
      ...i.categories.map((c) => el('category', c)),
      '</item>',
    );
  }
  out.push('</channel>', '</rss>', '');
  return out.join('\n');
}
