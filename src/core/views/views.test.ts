import { describe, expect, it } from 'vitest';
import { listIncidentFiles, readSources } from '../../adapters/incident-store.ts';
import { catalog, REPO_ROOT } from '../../../test/builders.ts';
import { checkIncidents } from '../check/check-incidents.ts';
import { publicIncidents } from '../incident/public-incident.ts';
import type { Incident } from '../incident/schema.ts';
import { badgeSvg } from './badge.ts';
import { feedItems } from './feeds.ts';
import { historyPages, HISTORY_PAGE_SIZE } from './history.ts';
import { homeView, RECENT_ON_HOME } from './home.ts';
import { maintenanceCalendar } from './ical.ts';
import { incidentPageView } from './incident-page.ts';
import { deskViews } from './knowledge.ts';
import type { SiteData } from './site-data.ts';
import { readLedgerEntries } from '../../adapters/ledger-store.ts';
import { ledgerOf } from '../ledger/ledger.ts';

const now = Date.parse('2026-11-28T09:00:00+09:00');
const all = publicIncidents(
  checkIncidents(readSources(REPO_ROOT, listIncidentFiles(REPO_ROOT)), { catalog, now }).files.map(
    (f) => f.incident!,
  ) as Incident[],
);
const data: SiteData = { incidents: all, catalog, now, ledger: ledgerOf(readLedgerEntries(REPO_ROOT)) };
const byId = (id: string) => all.find((i) => i.id === id)!;
const SITE = 'https://status.kcps.example.jp';

describe('incident page view', () => {
  it('the SLA breach shows notification met and recovery missed, computed not typed', () => {
    const v = incidentPageView(byId('2025-08-19-kcps-network-packet-loss'), data, 'en');
    expect(v.targets!.rows.map((r) => [r.state, r.detail])).toEqual([
      ['met', 'Verified live: 2025-08-19 20:27 JST (22 min after clock start)'],
      ['missed', 'Recovered: 2025-08-19 23:15 JST (3 h 10 min after clock start)'],
    ]);
    expect(v.postmortem).toMatchObject({ approved: true });
    expect(v.duration).toBe('3 h 10 min');
  });

  it('the KBI Saturday-night inquiry explains that the clock waited for the desk', () => {
    const v = incidentPageView(byId('2025-09-13-kbi-sso-federation-errors'), data, 'ja');
    expect(v.targets!.deskNote).toMatch(/受付時間外/);
    expect(v.targets!.rows.every((r) => r.state === 'met')).toBe(true);
  });

  it('an open incident shows running targets and an ongoing duration; a draft postmortem shows no summary', () => {
    const v = incidentPageView(byId('2026-11-28-kcps-object-storage-upload-failures'), data, 'en');
    expect(v.targets!.rows[1]!.state).toBe('running');
    expect(v.duration).toMatch(/\(ongoing\)$/);
    expect(incidentPageView(byId('2026-11-20-kcps-block-storage-latency'), data, 'en').postmortem).toEqual({
      approved: false,
      summary: undefined,
      approvedAt: undefined,
    });
  });
});

describe('home and history views', () => {
  it('home does not grow with the archive: a fixed number of recent incidents', () => {
    const many = Array.from({ length: 200 }, (_, n) => ({
      ...byId('2025-06-12-kcps-object-storage-errors'),
      id: `2025-06-12-kcps-copy-${n}`,
    }));
    const v = homeView({ ...data, incidents: [...all, ...many] }, 'en');
    expect(v.recent).toHaveLength(RECENT_ON_HOME);
    expect(v.active.map((c) => c.id).sort()).toEqual([
      '2026-11-26-kbi-mfa-sms-delay',
      '2026-11-28-kcps-object-storage-upload-failures',
    ]);
    expect(v.overall.label).toBe('Partial System Outage');
  });

  it('with 60 active incidents the home switches to the compact view: every service and every affected component first', () => {
    const active = byId('2026-11-28-kcps-object-storage-upload-failures');
    const many = Array.from({ length: 60 }, (_, n) => ({ ...active, id: `2026-11-28-kcps-many-${n}` }));
    const v = homeView({ ...data, incidents: [...all, ...many] }, 'en');
    expect(v.compact).toBe(true);
    expect(v.glance.map((s) => s.id)).toEqual(catalog.catalog.services.map((s) => s.id));
    const kcps = v.glance.find((s) => s.id === 'kcps')!;
    expect(kcps.affected.map((c) => [c.id, c.status])).toContainEqual(['object-storage', 'partial_outage']);
    expect(kcps.affected.every((c) => c.status !== 'operational' && c.href === `#c-${c.id}`)).toBe(true);
    expect(homeView(data, 'en').compact).toBe(false);
  });

  it('history pages group by JST month, newest first, and hold every public incident once', () => {
    const pages = historyPages(data, 'ja');
    const ids = pages.flatMap((p) => p.months.flatMap((m) => m.items.map((i) => i.id)));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(all.filter((i) => i.scope === 'public').length);
    expect(pages[0]!.months[0]!.label).toBe('2026年12月');
    expect(
      historyPages({ ...data, incidents: Array.from({ length: 60 }, (_, n) => ({ ...all[0]!, id: `x-${n}` })) }, 'en'),
    ).toHaveLength(Math.ceil(60 / HISTORY_PAGE_SIZE));
  });
});

describe('feeds, calendar, badge', () => {
  it('feed links (the GUIDs) do not change when later updates are appended', () => {
    const incident = byId('2026-11-28-kcps-object-storage-upload-failures');
    const before = feedItems({ ...data, incidents: [incident] }, 'en', SITE)
      .map((i) => i.link)
      .sort();
    const later = {
      ...incident,
      updates: [
        ...incident.updates,
        { at: '2026-11-28T08:40:00+09:00', status: 'monitoring' as const, message: { ja: '監視中', en: 'Monitoring' } },
      ],
    };
    const after = feedItems({ ...data, incidents: [later] }, 'en', SITE)
      .map((i) => i.link)
      .sort();
    expect(after.filter((l) => before.includes(l))).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
  });

  it('calendar golden', async () => {
    await expect(maintenanceCalendar(data, 'en', SITE, 'KCPS / KBI Status maintenance')).toMatchFileSnapshot(
      './__golden__/maintenance-en.ics',
    );
  });

  it('badges golden', async () => {
    await expect(badgeSvg('none', 'en')).toMatchFileSnapshot('./__golden__/badge-none-en.svg');
    await expect(badgeSvg('critical', 'ja', 'ステータス')).toMatchFileSnapshot('./__golden__/badge-critical-ja.svg');
    await expect(badgeSvg('maintenance', 'en')).toMatchFileSnapshot('./__golden__/badge-maintenance-en.svg');
  });
});

it('desk hours list the KBI weekday closures ahead, with their reasons', () => {
  const v = deskViews({ ...data, now: Date.parse('2026-12-20T12:00:00+09:00') }, 'en');
  const kbi = v.find((d) => d.serviceId === 'kbi')!;
  expect(kbi.hours).toBe('Mon, Tue, Wed, Thu, Fri, 09:00–17:30 JST');
  expect(kbi.nextClosedDays.map((d) => d.date)).toEqual(
    expect.arrayContaining(['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-11']),
  );
  expect(kbi.nextClosedDays.find((d) => d.date === '2027-01-01')?.reason).toBe("New Year's Day");
  expect(v.find((d) => d.serviceId === 'kcps')!.nextClosedDays).toEqual([]);
});

it('while open, the page shows when the latest update promised the next one; not once it is resolved', () => {
  const incident = byId('2026-11-28-kcps-object-storage-upload-failures');
  const promised = {
    ...incident,
    updates: [
      ...incident.updates.slice(0, -1),
      { ...incident.updates.at(-1)!, next_update_at: '2026-11-28T09:30:00+09:00' },
    ],
  };
  expect(incidentPageView(promised, data, 'ja').nextUpdate).toEqual({
    iso: '2026-11-28T09:30:00+09:00',
    text: '2026/11/28 09:30 JST',
  });
  expect(incidentPageView(incident, data, 'en').nextUpdate).toBeUndefined();
  const older = {
    ...promised,
    updates: [
      { ...promised.updates[0]!, next_update_at: '2026-11-28T08:00:00+09:00' },
      ...promised.updates.slice(1).map((u) => ({ ...u, next_update_at: undefined })),
    ],
  };
  expect(incidentPageView(older, data, 'en').nextUpdate).toBeUndefined();
  const resolved = byId('2025-08-19-kcps-network-packet-loss');
  const resolvedPromise = {
    ...resolved,
    updates: resolved.updates.map((u) => ({ ...u, next_update_at: '2025-08-20T09:00:00+09:00' })),
  };
  expect(incidentPageView(resolvedPromise, data, 'en').nextUpdate).toBeUndefined();
});

it('without evidence of the page going live, the page says so and never borrows the first update time', () => {
  const incident = byId('2025-08-19-kcps-network-packet-loss');
  for (const ledger of [undefined, ledgerOf([])]) {
    const [notify] = incidentPageView(incident, { ...data, ledger }, 'en').targets!.rows;
    expect(notify).toMatchObject({
      state: 'missed',
      detail: 'Not yet evidenced: no record yet that this page was verified live',
    });
    expect(incidentPageView(incident, { ...data, ledger }, 'ja').targets!.rows[0]!.detail).toBe(
      '掲載確認の記録はまだありません',
    );
  }
  // A later verification (a later update's deploy) never moves the notified time: the earliest record counts.
  const later = ledgerOf([
    ...data.ledger!.entries,
    {
      key: `${incident.id}/page-live/5`,
      kind: 'page-live',
      incident: incident.id,
      at: '2025-08-20T00:20:00+09:00',
      detail: { updates: 5 },
    },
  ]);
  expect(incidentPageView(incident, { ...data, ledger: later }, 'en').targets!.rows[0]!.detail).toBe(
    'Verified live: 2025-08-19 20:27 JST (22 min after clock start)',
  );
});

it('the knowledge index lists prose in order, then the generated pages, in the page language', async () => {
  const { knowledgeIndex } = await import('./knowledge.ts');
  const index = knowledgeIndex('en', [
    { slug: 'glossary', title: 'Glossary', description: 'd', order: 6 },
    { slug: 'policy', title: 'Policy', description: 'd', order: 1 },
  ]);
  expect(index.map((p) => p.href)).toEqual([
    '/en/kb/policy/',
    '/en/kb/glossary/',
    '/en/kb/responsibility/',
    '/en/kb/desk-hours/',
    '/en/kb/follow/',
    '/en/kb/rules/',
  ]);
  expect(incidentPageView(byId('2026-11-28-kcps-object-storage-upload-failures'), data, 'en').statusTone).toBe(
    'partial_outage',
  );
  expect(incidentPageView(byId('2025-08-19-kcps-network-packet-loss'), data, 'en').statusTone).toBe('operational');
});
