/** An iCalendar (RFC 5545) feed of public maintenance windows. */
import type { Lang } from '../i18n/labels.ts';
import { toMs } from '../time.ts';
import { incidentHref } from './incident-card.ts';
import type { SiteData } from './site-data.ts';

export function maintenanceCalendar(data: SiteData, lang: Lang, siteUrl: string, calendarName: string): string {
  const host = new URL(siteUrl).host;
  const events = data.incidents
    .filter((i) => i.type === 'maintenance' && i.window)
    .sort((a, b) => toMs(a.window!.start) - toMs(b.window!.start))
    .map((i) => {
      return [
        'BEGIN:VEVENT',
        `UID:${i.id}@${host}`,
        `DTSTAMP:${utc(toMs(i.updates[i.updates.length - 1]!.at))}`,
        `DTSTART:${utc(toMs(i.window!.start))}`,
        `DTEND:${utc(toMs(i.window!.end))}`,
        `SUMMARY:${escape(i.title[lang])}`,
        `DESCRIPTION:${escape([i.impact?.[lang], i.updates[0]!.message[lang]].filter(Boolean).join('\n'))}`,
        `URL:${siteUrl}${incidentHref(i.id, lang)}`,
        'STATUS:CONFIRMED',
        `SEQUENCE:${i.updates.length - 1}`,
        'END:VEVENT',
      ];
    });
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//${host}//status-portal//${lang.toUpperCase()}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escape(calendarName)}`,
    ...events.flat(),
    'END:VCALENDAR',
  ];
  return lines.map(fold).join('\r\n') + '\r\n';
}

function utc(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function escape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Lines longer than 75 octets are folded (RFC 5545 §3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const bytes = new TextEncoder();
  if (bytes.encode(line).length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  for (const ch of line) {
    if (bytes.encode(current + ch).length > (parts.length ? 74 : 75)) {
      parts.push(current);
      current = ch;
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts.join('\r\n ');
}
