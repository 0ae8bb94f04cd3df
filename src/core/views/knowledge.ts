/** Views of the generated knowledge pages: desk hours, shared responsibility, how to follow updates, checker rules. */
import type { Desk } from '../catalog/schema.ts';
import { formatJstDate, localePath } from '../i18n/format.ts';
import type { Lang } from '../i18n/labels.ts';
import { rulesIn, type RuleDoc } from '../rules/registry.ts';
import { closureOn, isDeskDay, japaneseHoliday } from '../sla/desk-calendar.ts';
import { DAY_MS, jstDate, jstTimeMs } from '../time.ts';
import type { SiteData } from './site-data.ts';

const WEEKDAY: Record<string, Record<Lang, string>> = {
  mon: { ja: '月', en: 'Mon' },
  tue: { ja: '火', en: 'Tue' },
  wed: { ja: '水', en: 'Wed' },
  thu: { ja: '木', en: 'Thu' },
  fri: { ja: '金', en: 'Fri' },
  sat: { ja: '土', en: 'Sat' },
  sun: { ja: '日', en: 'Sun' },
};

export interface DeskView {
  serviceId: string;
  serviceName: string;
  hours: string;
  closedOn: string[];
  nextClosedDays: { date: string; text: string; reason: string }[];
}

export function deskViews(data: SiteData, lang: Lang, lookaheadDays = 60): DeskView[] {
  return data.catalog.catalog.services.map((s) => ({
    serviceId: s.id,
    serviceName: s.name[lang],
    hours: deskHours(s.desk, lang),
    closedOn: closedOn(s.desk, lang),
    nextClosedDays: nextClosedDays(s.desk, data.now, lang, lookaheadDays),
  }));
}

function deskHours(desk: Desk, lang: Lang): string {
  if (desk.kind === 'always-open') return lang === 'ja' ? '24 時間 365 日' : '24 hours a day, 365 days a year';
  const days = desk.weekdays.map((d) => WEEKDAY[d]![lang]).join(lang === 'ja' ? '・' : ', ');
  return lang === 'ja'
    ? `${days}曜日 ${desk.open}〜${desk.close}（日本時間）`
    : `${days}, ${desk.open}–${desk.close} JST`;
}

function closedOn(desk: Desk, lang: Lang): string[] {
  if (desk.kind === 'always-open') return [];
  const out: string[] = [];
  if (desk.public_holidays === 'jp')
    out.push(
      lang === 'ja'
        ? '国民の祝日、振替休日、国民の休日'
        : "Japanese public holidays, including substitute and citizens' holidays",
    );
  for (const c of desk.closures) {
    const name = c.name?.[lang];
    out.push(
      lang === 'ja'
        ? `${name ?? '休業'}（${c.from.replace('-', '/')}〜${c.to.replace('-', '/')}）`
        : `${name ?? 'Closure'} (${c.from} to ${c.to}, month-day)`,
    );
  }
  return out;
}

function nextClosedDays(desk: Desk, now: number, lang: Lang, lookahead: number): DeskView['nextClosedDays'] {
  if (desk.kind === 'always-open') return [];
  const out: DeskView['nextClosedDays'] = [];
  for (let d = 0; d < lookahead; d++) {
    const date = jstDate(now + d * DAY_MS);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (
      isDeskDay(desk, date) ||
      !desk.weekdays.includes((['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[weekday]!)
    )
      continue;
    const holiday = desk.public_holidays === 'jp' ? japaneseHoliday(date) : undefined;
    const closure = closureOn(desk, date);
    out.push({
      date,
      text: formatJstDate(jstTimeMs(date), lang),
      reason: holiday
        ? lang === 'ja'
          ? holiday.name
          : holiday.name_en
        : (closure?.name?.[lang] ?? (lang === 'ja' ? '休業日' : 'Closed')),
    });
  }
  return out;
}

export interface FollowChannel {
  id: string;
  title: string;
  /** One line on what it is for. */
  purpose: string;
  items: { label: string; href: string; code?: boolean }[];
  /** Per-component feeds, folded per service. */
  groups?: { service: string; items: { label: string; href: string }[] }[];
}

export interface FollowView {
  channels: FollowChannel[];
  badge: string;
  embedSnippet: string;
}

export const API_PATHS = [
  'summary.json',
  'status.json',
  'components.json',
  'incidents.json',
  'incidents/unresolved.json',
  'scheduled-maintenances.json',
  'scheduled-maintenances/upcoming.json',
  'scheduled-maintenances/active.json',
] as const;

/** Related incidents with each one's status and clocks: our own JSON beside the Statuspage files, whose documented shape stays as it is. */
export const RELATED_API_PATH = '/api/related.json';

/** Every way to follow the status, each with one line on what it is for (the header's "Follow" leads here). */
export function followView(data: SiteData, lang: Lang, siteUrl = ''): FollowView {
  const services = data.catalog.catalog.services;
  const L = (ja: string, en: string) => (lang === 'ja' ? ja : en);
  const embed = `${siteUrl}${localePath(lang, '/embed/')}`;
  return {
    channels: [
      {
        id: 'rss',
        title: L('RSS フィード', 'RSS feeds'),
        purpose: L(
          'フィードリーダーや Slack の RSS 連携で、更新のたびに受け取れます。サービス別・コンポーネント別に絞れます。',
          "Every update in your feed reader or chat tool's RSS integration; narrow it to one service or one component.",
        ),
        items: [
          { label: L('すべてのお知らせ', 'Everything'), href: localePath(lang, '/feed.xml') },
          ...services.map((s) => ({ label: s.name[lang], href: localePath(lang, `/services/${s.id}/feed.xml`) })),
        ],
        groups: services.map((s) => ({
          service: s.name[lang],
          items: s.component_groups.flatMap((g) =>
            g.components.map((c) => ({
              label: c.name[lang],
              href: localePath(lang, `/components/${s.id}/${c.id}/feed.xml`),
            })),
          ),
        })),
      },
      {
        id: 'calendar',
        title: L('メンテナンスのカレンダー（iCalendar）', 'Maintenance calendar (iCalendar)'),
        purpose: L(
          '予定されたメンテナンスを、お使いのカレンダーに購読として追加できます。',
          'Subscribe in your calendar to see planned maintenance windows next to your own plans.',
        ),
        items: [{ label: localePath(lang, '/maintenance.ics'), href: localePath(lang, '/maintenance.ics') }],
      },
      {
        id: 'api',
        title: L('JSON API（Statuspage 互換）', 'JSON API (Statuspage-compatible)'),
        purpose: L(
          '監視ツールや社内ダッシュボードから読み取るための機械可読な状態です。Statuspage に対応したツールがそのまま使えます。同時に起きて互いに関連づけた障害は、それぞれの状況と通知・復旧目標の計測とともに /api/related.json にまとめています。',
          "The status for monitoring tools and dashboards; tools that read Statuspage pages read it as is. Incidents of one event, kept apart but linked, are listed with each one's status and clocks in /api/related.json.",
        ),
        items: [
          ...API_PATHS.map((p) => ({ label: `/api/v2/${p}`, href: `/api/v2/${p}`, code: true })),
          { label: RELATED_API_PATH, href: RELATED_API_PATH, code: true },
        ],
      },
      {
        id: 'badge',
        title: L('ステータスバッジ', 'Status badge'),
        purpose: L(
          'README や社内ポータルに現在の状態を画像で表示します。',
          'Shows the current status as an image in a README or an intranet page.',
        ),
        items: [
          { label: '/badge-ja.svg', href: '/badge-ja.svg', code: true },
          { label: '/badge.svg', href: '/badge.svg', code: true },
        ],
      },
      {
        id: 'embed',
        title: L('埋め込み表示', 'Embeddable status'),
        purpose: L(
          'ほかのサイトに現在の状態を表示します（iframe、JavaScript 不要）。自前で描画するなら JSON を使います。',
          'Shows the current status on another site (an iframe, no JavaScript); the JSON lets you draw it yourself.',
        ),
        items: [
          { label: localePath(lang, '/embed/'), href: localePath(lang, '/embed/'), code: true },
          { label: '/api/embed.json', href: '/api/embed.json', code: true },
        ],
      },
    ],
    badge: lang === 'ja' ? '/badge-ja.svg' : '/badge.svg',
    embedSnippet: `<iframe src="${embed}" title="${data.catalog.catalog.site.name[lang]}" width="320" height="200" style="border:0"></iframe>`,
  };
}

export function ruleHref(code: string, lang: Lang): string {
  return localePath(lang, `/kb/rules/${code.toLowerCase()}/`);
}

/** Every rule in the page language (each rule carries both texts; the example YAML is shared). */
export function rulesView(lang: Lang): (RuleDoc & { href: string })[] {
  return rulesIn(lang).map((r) => ({ ...r, href: ruleHref(r.code, lang) }));
}

export interface ProsePage {
  slug: string;
  title: string;
  description: string;
  order: number;
}

/** The knowledge section's index: the prose pages in their order, then the generated ones. */
export function knowledgeIndex(
  lang: Lang,
  prose: readonly ProsePage[],
): { href: string; title: string; description: string }[] {
  const L = (ja: string, en: string) => (lang === 'ja' ? ja : en);
  return [
    ...[...prose]
      .sort((a, b) => a.order - b.order)
      .map((p) => ({ href: localePath(lang, `/kb/${p.slug}/`), title: p.title, description: p.description })),
    {
      href: localePath(lang, '/kb/responsibility/'),
      title: L('お客さまの責任範囲', 'Your side of shared responsibility'),
      description: '',
    },
    {
      href: localePath(lang, '/kb/desk-hours/'),
      title: L('サポート窓口の受付時間', 'Support desk hours'),
      description: '',
    },
    { href: localePath(lang, '/kb/follow/'), title: L('更新情報の購読', 'Follow updates'), description: '' },
    { href: localePath(lang, '/kb/rules/'), title: L('チェックルール一覧', 'Checker rules'), description: '' },
  ];
}
