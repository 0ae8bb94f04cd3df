/**
 * RSS as readers see it: a real feed parser (rss-parser, whose
 * `contentSnippet` is the reader's plain text: tags stripped, entities decoded
 * once, as feedparser and browsers' reader views do) must give back every
 * message exactly, including markup-like text, entities and feed structure.
 */
import Parser from 'rss-parser';
import { describe, expect, it } from 'vitest';
import { listIncidentFiles, readSources } from '../../adapters/incident-store.ts';
import { catalog, REPO_ROOT } from '../../../test/builders.ts';
import { HOSTILE_MESSAGES } from '../../../test/fixtures/hostile-messages.ts';
import { checkIncidents } from '../check/check-incidents.ts';
import type { Lang } from '../i18n/labels.ts';
import { publicIncidents, type PublicIncident } from '../incident/public-incident.ts';
import type { Incident } from '../incident/schema.ts';
import { feedDocument, feedItems, type FeedFilter } from './feeds.ts';
import type { SiteData } from './site-data.ts';

const now = Date.parse('2026-11-28T09:00:00+09:00');
const SITE = 'https://status.example.jp';
const sample = publicIncidents(
  checkIncidents(readSources(REPO_ROOT, listIncidentFiles(REPO_ROOT)), { catalog, now }).files.map(
    (f) => f.incident!,
  ) as Incident[],
);
const base = sample.find((i) => i.id === '2026-11-28-kcps-object-storage-upload-failures')!;
const hostile: PublicIncident = {
  ...base,
  id: '2026-11-27-kcps-hostile-text',
  title: { ja: 'タイトル <i>&amp;</i>', en: 'Title <i>&amp;</i> & co' },
  updates: [...base.updates, { at: '2026-11-28T08:50:00+09:00', status: 'identified', message: HOSTILE_MESSAGES }],
};
const data: SiteData = { incidents: [...sample, hostile], catalog, now };
const parser = new Parser();

async function parse(lang: Lang, filter: FeedFilter = {}) {
  return parser.parseString(feedDocument(data, lang, SITE, filter, feedItems(data, lang, SITE, {}, Infinity)));
}

describe('RSS feeds read by a real feed parser', () => {
  for (const lang of ['ja', 'en'] as const) {
    it(`${lang}: every public message of the sample and the hostile fixture comes back as the exact text, one item each`, async () => {
      const feed = await parse(lang);
      const want = data.incidents
        .filter((i) => i.scope === 'public')
        .flatMap((i) => i.updates.map((u) => u.message[lang].trim()));
      expect(feed.items).toHaveLength(want.length);
      expect(feed.items.map((i) => i.contentSnippet).sort()).toEqual(want.sort());
      // No markup reaches the reader except the line breaks we add.
      for (const i of feed.items) expect(i.content!.replace(/<br>/g, '')).not.toMatch(/</);
      const h = feed.items.find((i) => i.contentSnippet === HOSTILE_MESSAGES[lang].trim())!;
      expect(h.title).toBe(`[${lang === 'ja' ? '原因特定' : 'Identified'}] ${hostile.title[lang]}`);
      expect(feed.items.some((i) => /Fake item|偽の項目/.test(i.title ?? ''))).toBe(false);
    });
  }

  it('channel metadata: the feed language, its own page as link, atom:link rel=self, lastBuildDate = the build instant', async () => {
    const cases: [Lang, FeedFilter, string, string][] = [
      ['ja', {}, `${SITE}/`, `${SITE}/feed.xml`],
      ['en', {}, `${SITE}/en/`, `${SITE}/en/feed.xml`],
      ['en', { service: 'kbi' }, `${SITE}/en/services/kbi/`, `${SITE}/en/services/kbi/feed.xml`],
      [
        'ja',
        { service: 'kcps', component: 'dns' },
        `${SITE}/services/kcps/#c-dns`,
        `${SITE}/components/kcps/dns/feed.xml`,
      ],
    ];
    for (const [lang, filter, link, self] of cases) {
      const xml = feedDocument(data, lang, SITE, filter, feedItems(data, lang, SITE, {}, Infinity));
      const feed = await parser.parseString(xml);
      expect(feed.link, self).toBe(link);
      expect(feed.language).toBe(lang);
      expect(xml).toContain(`<atom:link href="${self}" rel="self" type="application/rss+xml"/>`);
      expect(feed.lastBuildDate).toBe(new Date(now).toUTCString());
    }
    expect((await parse('en', { service: 'kbi' })).title).toMatch(/: KBI/);
  });

  it('a component feed holds only that component; an empty feed is still a valid channel', async () => {
    const dns = await parse('en', { service: 'kcps', component: 'dns' });
    for (const i of dns.items) expect(i.categories).toContain('kcps/dns');
    const empty = await parser.parseString(feedDocument({ ...data, incidents: [] }, 'ja', SITE, {}, []));
    expect(empty.items).toEqual([]);
    expect(empty.link).toBe(`${SITE}/`);
  });
});
