import { XMLParser } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { HOSTILE_MESSAGES } from '../fixtures/hostile-messages.ts';
import { describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { distFiles, readDist } from './dist-files.ts';

const dist = inject('distDir');
const files = distFiles(dist);
const xml = new XMLParser({ ignoreAttributes: false });
const OffsetTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const N = <T extends z.ZodType>(s: T) => s.nullable();

// Statuspage API v2 field names and enums, as its public API page documents them (the key lists are pinned in test/fixtures/statuspage-v2-fields.json).
const Page = z.strictObject({
  id: z.string(),
  name: z.string(),
  url: z.url(),
  time_zone: z.literal('Asia/Tokyo'),
  updated_at: OffsetTime,
});
const Status = z.strictObject({
  indicator: z.enum(['none', 'minor', 'major', 'critical', 'maintenance']),
  description: z.string().min(1),
});
const ComponentStatus = z.enum([
  'operational',
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
]);
const Component = z.strictObject({
  id: z.string(),
  page_id: z.string(),
  group_id: N(z.string()),
  name: z.string(),
  description: N(z.string()),
  status: ComponentStatus,
  position: z.number().int(),
  showcase: z.boolean(),
  start_date: N(z.string()),
  group: z.boolean(),
  only_show_if_degraded: z.boolean(),
  created_at: OffsetTime,
  updated_at: OffsetTime,
  components: z.array(z.string()).optional(),
});
const Update = z.strictObject({
  id: z.string(),
  incident_id: z.string(),
  status: z.string(),
  body: z.string().min(1),
  created_at: OffsetTime,
  updated_at: OffsetTime,
  display_at: OffsetTime,
  affected_components: N(
    z.array(
      z.strictObject({ code: z.string(), name: z.string(), old_status: ComponentStatus, new_status: ComponentStatus }),
    ),
  ),
  deliver_notifications: z.boolean(),
  custom_tweet: z.null(),
  tweet_id: z.null(),
});
const IncidentBase = {
  id: z.string(),
  page_id: z.string(),
  name: z.string().min(1),
  created_at: OffsetTime,
  updated_at: OffsetTime,
  started_at: OffsetTime,
  monitoring_at: N(OffsetTime),
  resolved_at: N(OffsetTime),
  shortlink: z.url(),
  components: z.array(Component),
  incident_updates: z.array(Update).min(1),
  postmortem_body: N(z.string()),
  postmortem_published_at: N(OffsetTime),
};
const Incident = z.strictObject({
  ...IncidentBase,
  status: z.enum(['investigating', 'identified', 'monitoring', 'resolved', 'postmortem']),
  impact: z.enum(['none', 'minor', 'major', 'critical']),
});
const Maintenance = z.strictObject({
  ...IncidentBase,
  status: z.enum(['scheduled', 'in_progress', 'verifying', 'completed']),
  impact: z.literal('maintenance'),
  scheduled_for: OffsetTime,
  scheduled_until: OffsetTime,
});

const api = (path: string) => JSON.parse(readDist(dist, `api/v2/${path}`));

describe('Statuspage v2-compatible JSON', () => {
  it('every endpoint matches its documented shape', () => {
    expect(() => z.strictObject({ page: Page, status: Status }).parse(api('status.json'))).not.toThrow();
    z.strictObject({ page: Page, components: z.array(Component) }).parse(api('components.json'));
    z.strictObject({ page: Page, incidents: z.array(Incident) }).parse(api('incidents.json'));
    z.strictObject({ page: Page, incidents: z.array(Incident) }).parse(api('incidents/unresolved.json'));
    for (const p of [
      'scheduled-maintenances.json',
      'scheduled-maintenances/upcoming.json',
      'scheduled-maintenances/active.json',
    ]) {
      z.strictObject({ page: Page, scheduled_maintenances: z.array(Maintenance) }).parse(api(p));
    }
    z.strictObject({
      page: Page,
      status: Status,
      components: z.array(Component),
      incidents: z.array(Incident),
      scheduled_maintenances: z.array(Maintenance),
    }).parse(api('summary.json'));
  });

  it('rolls up the public data at build time', () => {
    expect(api('status.json').status).toEqual({ indicator: 'major', description: 'Partial System Outage' });
    expect(
      api('incidents/unresolved.json')
        .incidents.map((i: { id: string }) => i.id)
        .sort(),
    ).toEqual(['2026-11-26-kbi-mfa-sms-delay', '2026-11-28-kcps-object-storage-upload-failures']);
    expect(api('scheduled-maintenances/active.json').scheduled_maintenances.map((i: { id: string }) => i.id)).toEqual([
      '2026-11-28-kcps-network-upgrade-maintenance',
    ]);
    expect(api('scheduled-maintenances/upcoming.json').scheduled_maintenances.map((i: { id: string }) => i.id)).toEqual(
      ['2026-12-09-kbi-platform-maintenance'],
    );
    const components = api('components.json').components as { id: string; status: string }[];
    expect(components.find((c) => c.id === 'kcps-object-storage')?.status).toBe('partial_outage');
    expect(components.find((c) => c.id === 'kcps-internet-connectivity')?.status).toBe('under_maintenance');
    expect(components.find((c) => c.id === 'kcps-dns')?.status).toBe('operational');
  });

  it('markup-like message text is carried as the exact text (JSON escaping only)', () => {
    const hostile = (
      api('incidents.json').incidents as { id: string; name: string; incident_updates: { body: string }[] }[]
    ).find((i) => i.id === '2026-11-23-kcps-hostile-message-text')!;
    expect(hostile.incident_updates.map((u) => u.body)).toContain(HOSTILE_MESSAGES.en);
    expect(hostile.name).toBe('DNS resolution errors & <b>');
  });

  it('publishes the approved postmortem summary, not drafts', () => {
    const all = api('incidents.json').incidents as { id: string; postmortem_body: string | null }[];
    expect(all.find((i) => i.id === '2025-08-19-kcps-network-packet-loss')?.postmortem_body).toMatch(
      /missed the two-hour target/,
    );
    expect(all.find((i) => i.id === '2026-11-20-kcps-block-storage-latency')?.postmortem_body).toBeNull();
  });
});

describe('RSS feeds', () => {
  const feeds = files.filter((f) => f.endsWith('feed.xml'));
  const items = (file: string) => {
    const doc = xml.parse(readDist(dist, file));
    const raw = doc.rss.channel.item ?? [];
    return (Array.isArray(raw) ? raw : [raw]) as {
      title: string;
      link: string;
      guid: { '#text': string; '@_isPermaLink': string };
      pubDate: string;
      description: string;
    }[];
  };

  it('there is a feed for the site, each service and each component, in both languages', () => {
    expect(feeds).toContain('feed.xml');
    expect(feeds).toContain('en/feed.xml');
    expect(feeds).toContain('services/kbi/feed.xml');
    expect(feeds).toContain('en/components/kcps/block-storage/feed.xml');
    expect(feeds.length).toBe(2 * (1 + 2 + 15));
  });

  it('every feed parses; each public update is one item with a unique, stable GUID', () => {
    for (const f of feeds) {
      const list = items(f);
      const guids = list.map((i) => i.guid['#text']);
      expect(new Set(guids).size, f).toBe(guids.length);
      for (const i of list) {
        expect(i.title && i.link && i.pubDate && i.description, f).toBeTruthy();
        expect(i.guid['#text']).toMatch(/#update-\d+$/);
        expect(Number.isNaN(Date.parse(i.pubDate))).toBe(false);
      }
    }
    const all = items('feed.xml');
    const publicUpdates = (api('incidents.json').incidents as { incident_updates: unknown[] }[])
      .concat(api('scheduled-maintenances.json').scheduled_maintenances)
      .reduce((n, i) => n + i.incident_updates.length, 0);
    expect(all).toHaveLength(publicUpdates);
  });

  it('service and component feeds hold exactly their own incidents', () => {
    const all = [...api('incidents.json').incidents, ...api('scheduled-maintenances.json').scheduled_maintenances] as {
      id: string;
      components: { id: string }[];
    }[];
    const idOf = (link: string) => /\/incidents\/([^/]+)\//.exec(link)![1]!;
    const expectFeed = (file: string, owns: (componentIds: string[]) => boolean) => {
      const got = new Set(items(file).map((i) => idOf(i.link)));
      const want = new Set(all.filter((i) => owns(i.components.map((c) => c.id))).map((i) => i.id));
      expect(got, file).toEqual(want);
    };
    expectFeed('en/services/kbi/feed.xml', (ids) => ids.some((c) => c.startsWith('kbi-')));
    expectFeed('services/kcps/feed.xml', (ids) => ids.some((c) => c.startsWith('kcps-')));
    expectFeed('components/kcps/dns/feed.xml', (ids) => ids.includes('kcps-dns'));
    expectFeed('en/components/kbi/mfa/feed.xml', (ids) => ids.includes('kbi-mfa'));
  });

  it('a real feed parser gets every message back as the exact text, from every feed; channel metadata per language and feed', async () => {
    const parser = new Parser();
    const all = [...api('incidents.json').incidents, ...api('scheduled-maintenances.json').scheduled_maintenances] as {
      id: string;
    }[];
    for (const f of feeds) {
      const lang = f.startsWith('en/') ? 'en' : 'ja';
      const feed = await parser.parseString(readDist(dist, f));
      expect(feed.language, f).toBe(lang);
      const page =
        f === 'feed.xml' || f === 'en/feed.xml'
          ? ''
          : f
              .replace(/^en\//, '')
              .replace(/^components\/([^/]+)\/([^/]+)\/feed\.xml$/, 'services/$1/#c-$2')
              .replace(/feed\.xml$/, '');
      expect(feed.link, f).toBe(`https://status.kcps.example.jp/${lang === 'en' ? 'en/' : ''}${page}`);
      expect(readDist(dist, f), f).toContain(`<atom:link href="https://status.kcps.example.jp/${f}" rel="self"`);
      expect(feed.lastBuildDate).toBe(new Date('2026-11-28T09:00:00+09:00').toUTCString());
      for (const i of feed.items) expect(i.content!.replace(/<br>/g, ''), f).not.toMatch(/</);
    }
    for (const lang of ['ja', 'en'] as const) {
      const snippets = (await parser.parseString(readDist(dist, lang === 'en' ? 'en/feed.xml' : 'feed.xml'))).items.map(
        (i) => i.contentSnippet,
      );
      expect(snippets).toContain(HOSTILE_MESSAGES[lang].trim());
      expect(snippets.length).toBe(
        all.reduce(
          (n, i) =>
            n +
            api('incidents.json')
              .incidents.concat(api('scheduled-maintenances.json').scheduled_maintenances)
              .find((x: { id: string }) => x.id === i.id).incident_updates.length,
          0,
        ),
      );
    }
    expect(
      (await parser.parseString(readDist(dist, 'components/kcps/dns/feed.xml'))).items.map((i) => i.contentSnippet),
    ).toContain(HOSTILE_MESSAGES.ja.trim());
  });

  it('pages advertise their feeds', () => {
    expect(readDist(dist, 'index.html')).toContain('<link rel="alternate" type="application/rss+xml"');
    expect(readDist(dist, 'services/kcps/index.html')).toContain('href="/services/kcps/feed.xml"');
  });
});

describe('iCalendar and badge', () => {
  it('the maintenance calendar is RFC 5545: CRLF, folded lines, one event per public window', () => {
    const ics = readDist(dist, 'maintenance.ics');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    for (const line of ics.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(3);
    expect(ics).toContain('DTSTART:20261208T160000Z');
    expect(readDist(dist, 'en/maintenance.ics')).toContain('SUMMARY:Scheduled KBI platform maintenance');
  });

  it('the badge is an SVG named for screen readers', () => {
    const svg = readDist(dist, 'badge.svg');
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-label="status: Partial System Outage"/);
    expect(readDist(dist, 'badge-ja.svg')).toContain('一部障害');
  });
});
