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
  expect(() => buildInputs()).toThrow(
    /^STATUS_NOW=yesterday: expected an RFC 3339 time with offset, e.g. 2026-11-27T10:00:00\+09:00$/,
  );
  vi.stubEnv('STATUS_NOW', '2026-11-28T09:00:00+09:00');
  vi.stubEnv('STATUS_ROOT', '/nonexistent-status-root');
  expect(() => buildInputs()).toThrow(/cannot read the service catalog/);
});

it("STATUS_NOW is parsed as strictly as the scripts' --now: what Date.parse takes without being an instant with an offset is refused", async () => {
  const { buildInputs } = await import('./build-inputs.ts');
  // A year, a date, a naive time (each read in the machine's zone), a space for the T, an HTTP date: Date.parse accepts them all.
  const lenient = [
    '2026',
    '2026-11-28',
    '2026-11-28T09:00:00',
    '2026-11-28 09:00:00+09:00',
    'Sat, 28 Nov 2026 09:00:00 GMT',
  ];
  for (const bad of [
    ...lenient,
    '2026-13-01T00:00:00Z',
    '2026-11-28T23:59:60Z',
    '2026-11-28T09:00:00+24:00',
    '',
    ' 2026-11-28T09:00:00+09:00',
  ]) {
    if (lenient.includes(bad)) expect(Number.isNaN(Date.parse(bad)), bad).toBe(false);
    vi.stubEnv('STATUS_NOW', bad);
    if (bad === '') continue; // unset: the clock
    expect(() => buildInputs(), bad).toThrow(`STATUS_NOW=${bad}: expected an RFC 3339 time with offset`);
  }
  // UTC, nine fraction digits and a negative offset are instants.
  for (const good of ['2026-11-28T00:00:00Z', '2026-11-28T09:00:00.123456789+09:00', '2026-11-27T19:00:00-05:00']) {
    vi.stubEnv('STATUS_NOW', good);
    expect(buildInputs().now).toBe(Date.parse(good));
  }
});
