import { describe, expect, it } from 'vitest';
import { formatDuration, formatJst, formatJstDate, formatMonth, localePath } from './format.ts';

describe('formatting for people', () => {
  it('shows JST with the zone named, whatever offset was written', () => {
    expect(formatJst('2026-11-22T15:30:00Z', 'en')).toBe('2026-11-23 00:30 JST');
    expect(formatJst('2026-11-23T00:30:00+09:00', 'ja')).toBe('2026/11/23 00:30 JST');
    expect(formatJstDate('2026-12-31T20:00:00-05:00', 'en')).toBe('2027-01-01');
  });

  it('does not depend on the process time zone', () => {
    const before = process.env.TZ;
    for (const zone of ['UTC', 'America/Los_Angeles', 'Asia/Tokyo']) {
      process.env.TZ = zone;
      expect(formatJst('2026-11-22T15:30:00Z', 'en')).toBe('2026-11-23 00:30 JST');
    }
    process.env.TZ = before;
  });

  it('months, durations and paths', () => {
    expect(formatMonth('2026-11', 'ja')).toBe('2026年11月');
    expect(formatMonth('2026-11', 'en')).toBe('November 2026');
    expect(formatDuration(190, 'en')).toBe('3 h 10 min');
    expect(formatDuration(45, 'ja')).toBe('45 分');
    expect(formatDuration(120, 'ja')).toBe('2 時間');
    expect(localePath('en', '/history/')).toBe('/en/history/');
    expect(localePath('ja', '/history/')).toBe('/history/');
  });
});
