/** Dates and durations for people: always JST, with the zone named. */
import { toJstIso, toMs } from '../time.ts';
import type { Lang } from './labels.ts';

/** "2026-11-20 10:14 JST" (en) / "2026/11/20 10:14 JST" (ja). */
export function formatJst(value: string | number, lang: Lang): string {
  const iso = toJstIso(typeof value === 'number' ? value : toMs(value));
  const date = lang === 'ja' ? iso.slice(0, 10).replace(/-/g, '/') : iso.slice(0, 10);
  return `${date} ${iso.slice(11, 16)} JST`;
}

export function formatJstDate(value: string | number, lang: Lang): string {
  return formatJst(value, lang).slice(0, 10);
}

/** The machine-readable form for <time datetime>: offset kept. */
export function machineTime(value: string | number): string {
  return typeof value === 'number' ? toJstIso(value) : value;
}

/** "1 h 2 min" / "1 時間 2 分". */
export function formatDuration(minutes: number, lang: Lang): string {
  const m = Math.max(0, Math.round(minutes));
  const h = Math.floor(m / 60);
  const rest = m % 60;
  if (lang === 'ja') return h ? `${h} 時間${rest ? ` ${rest} 分` : ''}` : `${rest} 分`;
  return h ? `${h} h${rest ? ` ${rest} min` : ''}` : `${rest} min`;
}

/** "2026年11月" / "November 2026". */
export function formatMonth(yyyyMm: string, lang: Lang): string {
  const [y, m] = yyyyMm.split('-').map(Number);
  if (lang === 'ja') return `${y}年${m}月`;
  return new Date(Date.UTC(y!, m! - 1, 1)).toLocaleString('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** Site path in a language: Japanese at the root, English under /en/. */
export function localePath(lang: Lang, path = '/'): string {
  const p = path.startsWith('/') ? path : `/${path}`;
  return lang === 'ja' ? p : `/en${p}`;
}
