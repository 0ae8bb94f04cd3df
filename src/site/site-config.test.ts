import { afterEach, expect, it, vi } from 'vitest';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.resetModules();
});

it('the build instant is read once: the loader, every page and the JSON see the same "last updated"', async () => {
  vi.stubEnv('STATUS_NOW', '');
  vi.useFakeTimers();
  vi.setSystemTime(Date.parse('2026-11-28T09:00:00+09:00'));
  const { buildNow } = await import('./site-config.ts');
  const first = buildNow();
  vi.setSystemTime(Date.parse('2026-11-28T09:05:00+09:00'));
  expect(buildNow()).toBe(first);
  expect(first).toBe(Date.parse('2026-11-28T09:00:00+09:00'));
});

it('STATUS_NOW fixes it; a malformed value is a one-line user error', async () => {
  vi.stubEnv('STATUS_NOW', '2026-11-28T09:00:00+09:00');
  expect((await import('./site-config.ts')).buildNow()).toBe(Date.parse('2026-11-28T09:00:00+09:00'));
  vi.resetModules();
  vi.stubEnv('STATUS_NOW', 'yesterday');
  await expect(import('./site-config.ts').then((m) => m.buildNow())).rejects.toThrow(/STATUS_NOW=yesterday: expected an RFC 3339 time/);
});
