/**
 * The fence around src/adapters/ports-from-env.ts: production code reads no
 * test switch from the environment (tests pass switches to main, see
 * test/helpers/script-entry.ts), and builds no provider port by hand.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './builders.ts';

/** Every non-test source file the product runs: the site, adapters, core, entry scripts, the benchmark, the Astro config. */
function productionFiles(): string[] {
  const files = ['src', 'scripts', 'bench'].flatMap((dir) =>
    (readdirSync(join(REPO_ROOT, dir), { recursive: true }) as string[])
      .map((f) => join(dir, f))
      .filter((f) => /\.(ts|mts|mjs|js|astro)$/.test(f) && !/\.test\.ts$/.test(f) && !f.includes('__golden__')),
  );
  return [...files, 'astro.config.mjs'].map((f) => relative(REPO_ROOT, join(REPO_ROOT, f)));
}

const hits = (pattern: RegExp, files: readonly string[]) =>
  files.flatMap((file) =>
    readFileSync(join(REPO_ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
  );

describe('adapters are built from the environment in one place', () => {
  const files = productionFiles();

  it('sees the production files (a fence that reads nothing passes for nothing)', () => {
    expect(files).toContain('src/adapters/ports-from-env.ts');
    expect(files).toContain('scripts/lib/engine-run.ts');
    expect(files).toContain('scripts/sla.ts');
    expect(files.some((f) => f.endsWith('.test.ts'))).toBe(false);
  });

  it('no production file reads a STATUS_TEST_ switch', () => {
    expect(hits(/STATUS_TEST_/, files)).toEqual([]);
  });

  it('outside ports-from-env.ts, no production file builds a provider port or an Octokit client', () => {
    const builders =
      /\b(githubIssuePort|githubPullRequestPort|githubIntakePort|githubAlertDispatch|resendEmailPort|webhookPort)\(|new (Octokit|Resend)\(/;
    // The benchmark measures one adapter against a fake, as the adapter's own tests do.
    const outside = files.filter((f) => !f.startsWith('src/adapters/') && !f.startsWith('bench/'));
    expect(hits(builders, outside)).toEqual([]);
  });

  it('the fence finds what it looks for (the patterns are not dead)', () => {
    expect(hits(/\bgithubIssuePort\(/, ['src/adapters/ports-from-env.ts']).length).toBeGreaterThan(0);
    expect(hits(/STATUS_TEST_/, ['test/ports-from-env-fence.test.ts']).length).toBeGreaterThan(0);
  });
});
