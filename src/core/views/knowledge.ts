/** Views of the generated knowledge pages: desk hours, shared responsibility, how to follow updates, checker rules. */
import type { Desk } from '../catalog/schema.ts';
import { formatJstDate, localePath } from '../i18n/format.ts';
import type { Lang } from '../i18n/labels.ts';
import { RULES, type RuleDoc } from '../rules/registry.ts';
import { RULES_JA } from '../rules/registry-ja.ts';
import { closureOn, isDeskDay, japaneseHoliday } from '../sla/desk-calendar.ts';
import { jstDate } from '../time.ts';
import type { SiteData } from './site-data.ts';

const WEEKDAY: Record<string, Record<Lang, string>> = {
  mon: { ja: '月', en: 'Mon' }, tue: { ja: '火', en: 'Tue' }, wed: { ja: '水', en: 'Wed' }, thu: { ja: '木', en: 'Thu' },
  fri: { ja: '金', en: 'Fri' }, sat: { ja: '土', en: 'Sat' }, sun: { ja: '日', en: 'Sun' },
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
  return lang === 'ja' ? `${days}曜日 ${desk.open}〜${desk.close}（日本時間）` : `${days}, ${desk.open}–${desk.close} JST`;
}

function closedOn(desk: Desk, lang: Lang): string[] {
  if (desk.kind === 'always-open') return [];
  const out: string[] = [];
  if (desk.public_holidays === 'jp') out.push(lang === 'ja' ? '国民の祝日、振替休日、国民の休日' : 'Japanese public holidays, including substitute and citizens\' holidays');
  for (const c of desk.closures) {
    const name = c.name?.[lang];
    out.push(lang === 'ja' ? `${name ?? '休業'}（${c.from.replace('-', '/')}〜${c.to.replace('-', '/')}）` : `${name ?? 'Closure'} (${c.from} to ${c.to}, month-day)`);
  }
  return out;
}

function nextClosedDays(desk: Desk, now: number, lang: Lang, lookahead: number): DeskView['nextClosedDays'] {
  if (desk.kind === 'always-open') return [];
  const out: DeskView['nextClosedDays'] = [];
  for (let d = 0; d < lookahead; d++) {
    const date = jstDate(now + d * 86_400_000);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (isDeskDay(desk, date) || !desk.weekdays.includes((['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const)[weekday]!)) continue;
    const holiday = desk.public_holidays === 'jp' ? japaneseHoliday(date) : undefined;
    const closure = closureOn(desk, date);
    out.push({ date, text: formatJstDate(`${date}T00:00:00+09:00`, lang), reason: holiday ? (lang === 'ja' ? holiday.name : holiday.name_en) : (closure?.name?.[lang] ?? (lang === 'ja' ? '休業日' : 'Closed')) });
  }
  return out;
}

export interface FollowView {
  feeds: { label: string; href: string }[];
  componentFeeds: { service: string; items: { label: string; href: string }[] }[];
  calendar: string;
  api: { path: string; href: string }[];
  badge: string;
}

export const API_PATHS = [
  'summary.json', 'status.json', 'components.json', 'incidents.json', 'incidents/unresolved.json',
  'scheduled-maintenances.json', 'scheduled-maintenances/upcoming.json', 'scheduled-maintenances/active.json',
] as const;

export function followView(data: SiteData, lang: Lang): FollowView {
  const services = data.catalog.catalog.services;
  return {
    feeds: [
      { label: lang === 'ja' ? 'すべてのお知らせ' : 'Everything', href: localePath(lang, '/feed.xml') },
      ...services.map((s) => ({ label: s.name[lang], href: localePath(lang, `/services/${s.id}/feed.xml`) })),
    ],
    componentFeeds: services.map((s) => ({
      service: s.name[lang],
      items: s.component_groups.flatMap((g) => g.components.map((c) => ({ label: c.name[lang], href: localePath(lang, `/components/${s.id}/${c.id}/feed.xml`) }))),
    })),
    calendar: localePath(lang, '/maintenance.ics'),
    api: API_PATHS.map((p) => ({ path: `/api/v2/${p}`, href: `/api/v2/${p}` })),
    badge: lang === 'ja' ? '/badge-ja.svg' : '/badge.svg',
  };
}

export function ruleHref(code: string, lang: Lang): string {
  return localePath(lang, `/kb/rules/${code.toLowerCase()}/`);
}

/** Every rule in the page language (Japanese texts from RULES_JA; the example YAML is shared). */
export function rulesView(lang: Lang): (RuleDoc & { href: string })[] {
  return RULES.map((r) => ({ ...r, ...(lang === 'ja' ? RULES_JA[r.code] : {}), href: ruleHref(r.code, lang) }));
}

export interface ProsePage {
  slug: string;
  title: string;
  description: string;
  order: number;
}

/** The knowledge section's index: the prose pages in their order, then the generated ones. */
export function knowledgeIndex(lang: Lang, prose: readonly ProsePage[]): { href: string; title: string; description: string }[] {
  const L = (ja: string, en: string) => (lang === 'ja' ? ja : en);
  return [
    ...[...prose].sort((a, b) => a.order - b.order).map((p) => ({ href: localePath(lang, `/kb/${p.slug}/`), title: p.title, description: p.description })),
    { href: localePath(lang, '/kb/responsibility/'), title: L('お客さまの責任範囲', 'Your side of shared responsibility'), description: '' },
    { href: localePath(lang, '/kb/desk-hours/'), title: L('サポート窓口の受付時間', 'Support desk hours'), description: '' },
    { href: localePath(lang, '/kb/follow/'), title: L('更新情報の購読', 'Follow updates'), description: '' },
    { href: localePath(lang, '/kb/rules/'), title: L('チェックルール一覧', 'Checker rules'), description: '' },
  ];
}
