/**
 * Dates and durations for people: always in Japan time with the zone named.
 * Display goes through date-fns with @date-fns/tz (zone-aware, independent of
 * the process time zone); the checker's hot path uses fixed-offset arithmetic
 * in time.ts instead, which is exact for Asia/Tokyo (no DST) and much faster.
 */
import { format } from 'date-fns/format';
import { enUS } from 'date-fns/locale/en-US';
import { ja } from 'date-fns/locale/ja';
import { tz } from '@date-fns/tz';
import { JST_TIME_ZONE, jstTimeMs, toJstIso, toMs } from '../time.ts';
import type { Lang } from './labels.ts';

const TOKYO = tz(JST_TIME_ZONE);

/** "2026-11-20 10:14 JST" (en) / "2026/11/20 10:14 JST" (ja). */
export function formatJst(value: string | number, lang: Lang): string {
  const ms = typeof value === 'number' ? value : toMs(value);
  return format(ms, lang === 'ja' ? 'yyyy/MM/dd HH:mm' : 'yyyy-MM-dd HH:mm', { in: TOKYO }) + ' JST';
}

export function formatJstDate(value: string | number, lang: Lang): string {
  const ms = typeof value === 'number' ? value : toMs(value);
  return format(ms, lang === 'ja' ? 'yyyy/MM/dd' : 'yyyy-MM-dd', { in: TOKYO });
}

/** The machine-readable form for <time datetime>: the written offset kept. */
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

/** "2026年11月" / "November 2026", for a JST month "YYYY-MM". */
export function formatMonth(yyyyMm: string, lang: Lang): string {
  return format(jstTimeMs(`${yyyyMm}-15`, '12:00:00'), lang === 'ja' ? 'yyyy年M月' : 'MMMM yyyy', {
    in: TOKYO,
    locale: lang === 'ja' ? ja : enUS,
  });
}

/** Site path in a language: Japanese at the root, English under /en/. */
export function localePath(lang: Lang, path = '/'): string {
  const p = path.startsWith('/') ? path : `/${path}`;
  return lang === 'ja' ? p : `/en${p}`;
}
