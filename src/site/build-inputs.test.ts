import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { REPO_ROOT } from '../../test/builders.ts';

// A new process: the inputs are kept on it, across copies of the module.
const clearProcess = () => delete (globalThis as Record<symbol, unknown>)[Symbol.for('status-portal.build-inputs')];

beforeEach(() => {
  clearProcess();
  vi.stubEnv('STATUS_ROOT', REPO_ROOT);
  vi.stubEnv('SITE_URL', '');
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
  vi.resetModules();
  clearProcess();
});

it('the build instant is read once: the loader, every page and the JSON see the same "last updated", even from separate copies of the module', async () => {
  vi.stubEnv('STATUS_NOW', '');
  vi.useFakeTimers();
  vi.setSystemTime(Date.parse('2026-11-28T09:00:00+09:00'));
  const first = (await import('./build-inputs.ts')).buildInputs();
  vi.setSystemTime(Date.parse('2026-11-28T09:05:00+09:00'));
  // Astro loads the config, the content loader and the page bundle as separate module instances.
  vi.resetModules();
  const second = (await import('./build-inputs.ts')).buildInputs();
  expect(second.now).toBe(first.now);
  expect(first.now).toBe(Date.parse('2026-11-28T09:00:00+09:00'));
});

it('the catalog is read and validated once per build, not on every call for the URL', async () => {
  vi.stubEnv('STATUS_NOW', '2026-11-28T09:00:00+09:00');
  const { buildInputs } = await import('./build-inputs.ts');
  const a = buildInputs();
  const b = buildInputs();
  expect(b).toBe(a);
  expect(b.catalog).toBe(a.catalog);
  expect(a.siteUrl).toBe(a.catalog.catalog.site.url);
  expect(a.root).toBe(REPO_ROOT);
});

it('SITE_URL overrides the catalog URL; another root or clock is another build', async () => {
  vi.stubEnv('STATUS_NOW', '2026-11-28T09:00:00+09:00');
  const { buildInputs } = await import('./build-inputs.ts');
  const plain = buildInputs();
  vi.stubEnv('SITE_URL', 'http://127.0.0.1:4321');
  expect(buildInputs().siteUrl).toBe('http://127.0.0.1:4321');
  vi.stubEnv('SITE_URL', '');
  expect(buildInputs()).toBe(plain);
  vi.stubEnv('STATUS_NOW', '2026-12-01T00:00:00+09:00');
  expect(buildInputs().now).toBe(Date.parse('2026-12-01T00:00:00+09:00'));
});

it('STATUS_NOW fixes it; a malformed value is a one-line user error, and a missing catalog too', async () => {
  vi.stubEnv('STATUS_NOW', '2026-11-28T09:00:00+09:00');
  const { buildInputs } = await import('./build-inputs.ts');
  expect(buildInputs().now).toBe(Date.parse('2026-11-28T09:00:00+09:00'));
  vi.stubEnv('STATUS_NOW', 'yesterday');
  expect(() => buildInputs()).toThrow(/^STATUS_NOW=yesterday: expected an RFC 3339 time$/);
  vi.stubEnv('STATUS_NOW', '2026-11-28T09:00:00+09:00');
  vi.stubEnv('STATUS_ROOT', '/nonexistent-status-root');
  expect(() => buildInputs()).toThrow(/cannot read the service catalog/);
});
