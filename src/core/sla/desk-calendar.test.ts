import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kbi, kcps } from '../../../test/builders.ts';
import {
  CalendarCoverageError,
  deskMinutesBetween,
  isDeskOpen,
  japaneseHoliday,
  nextDeskOpening,
} from './desk-calendar.ts';

const at = (s: string) => Date.parse(s);
const iso = (ms: number) => new Date(ms + 9 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

describe('KBI desk (weekdays 09:00–17:30 JST, holidays and 12/29–1/3 closed)', () => {
  const cases: [string, string, string][] = [
    ['Saturday night before a holiday Monday', '2025-09-13T23:10:00+09:00', '2025-09-16 09:00'],
    ['weekday inside hours: unchanged', '2026-11-26T14:48:00+09:00', '2026-11-26 14:48'],
    ['weekday before opening', '2026-11-26T07:30:00+09:00', '2026-11-26 09:00'],
    ['at closing time: next day', '2026-11-26T17:30:00+09:00', '2026-11-27 09:00'],
    ['Friday evening: Monday', '2026-11-27T18:00:00+09:00', '2026-11-30 09:00'],
    ['Labour Thanksgiving Day (Mon 23 Nov 2026)', '2026-11-23T10:00:00+09:00', '2026-11-24 09:00'],
    ["Citizens' holiday Tue 22 Sep 2026 between two holidays", '2026-09-21T12:00:00+09:00', '2026-09-24 09:00'],
    ['year-end closure into New Year', '2026-12-28T18:00:00+09:00', '2027-01-04 09:00'],
    ['UTC input on a Sunday in JST', '2026-11-28T23:00:00Z', '2026-11-30 09:00'],
    ["substitute holiday Mon 6 May 2024 (Children's Day on Sunday)", '2024-05-03T12:00:00+09:00', '2024-05-07 09:00'],
  ];
  it.each(cases)('%s', (_name, input, opening) => {
    expect(iso(nextDeskOpening(kbi.desk, at(input)))).toBe(opening);
  });

  it('the next opening is always open, never earlier than the input, and nothing in between is open', () => {
    fc.assert(
      fc.property(fc.integer({ min: at('2025-01-01T00:00:00Z'), max: at('2027-12-01T00:00:00Z') }), (ms0) => {
        const ms = ms0 - (ms0 % 60_000);
        const next = nextDeskOpening(kbi.desk, ms);
        expect(next).toBeGreaterThanOrEqual(ms);
        expect(isDeskOpen(kbi.desk, next)).toBe(true);
        expect(deskMinutesBetween(kbi.desk, ms, next)).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('business minutes count only desk hours', () => {
    expect(deskMinutesBetween(kbi.desk, at('2026-11-27T17:00:00+09:00'), at('2026-11-30T09:45:00+09:00'))).toBe(
      30 + 45,
    );
    expect(deskMinutesBetween(kcps.desk, at('2026-11-27T17:00:00+09:00'), at('2026-11-27T18:00:00+09:00'))).toBe(60);
  });

  it('is open whatever the process time zone (the dates are computed in JST)', () => {
    expect(japaneseHoliday('2026-11-23')?.name_en).toBe('Labor Thanksgiving Day');
    expect(japaneseHoliday('2026-11-24')).toBeUndefined();
  });

  it('fails loudly for a year the holiday calendar does not cover', () => {
    expect(() => nextDeskOpening(kbi.desk, at('2051-03-01T10:00:00+09:00'))).toThrow(CalendarCoverageError);
    expect(() => japaneseHoliday('2051-01-01')).toThrow(/2051 is not covered/);
  });
});

it('KCPS desk is always open', () => {
  const ms = at('2026-01-01T03:00:00+09:00');
  expect(nextDeskOpening(kcps.desk, ms)).toBe(ms);
});
