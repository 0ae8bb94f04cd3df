import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { REPO_ROOT } from '../test/builders.ts';
import { runScript } from '../test/helpers/run-script.ts';
import { createTempRepo, type TempRepo } from '../test/helpers/temp-repo.ts';

let repo: TempRepo | undefined;
afterEach(() => repo?.cleanup());

it('the committed CODEOWNERS matches the catalog', () => {
  const r = runScript('codeowners.ts', ['--check'], { cwd: REPO_ROOT });
  expect(r.code).toBe(0);
  expect(readFileSync(join(REPO_ROOT, '.github/CODEOWNERS'), 'utf8')).toContain('/incidents/ @a-kobayashi');
});

it('a catalog change without regenerating CODEOWNERS fails the check, and regenerating fixes it', () => {
  repo = createTempRepo();
  runScript('codeowners.ts', [], { cwd: repo.dir });
  const catalog = join(repo.dir, 'config/catalog.yaml');
  writeFileSync(
    catalog,
    readFileSync(catalog, 'utf8').replace('managers: [k-nakamura]', 'managers: [k-nakamura, m-hayashi]'),
  );
  const stale = runScript('codeowners.ts', ['--check'], { cwd: repo.dir });
  expect(stale.code).toBe(1);
  expect(stale.stderr).toContain('.github/CODEOWNERS is out of date with config/catalog.yaml');
  runScript('codeowners.ts', [], { cwd: repo.dir });
  expect(runScript('codeowners.ts', ['--check'], { cwd: repo.dir }).code).toBe(0);
});

it('CODEOWNERS covers the whole repository; the judging code, ledger and packages are guarded by service owners and security officers', async () => {
  const { execFileSync } = await import('node:child_process');
  const lines = readFileSync(join(REPO_ROOT, '.github/CODEOWNERS'), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'));
  const rules = lines.map((l) => {
    const [pattern = '', ...owners] = l.split(' ');
    return { pattern, owners };
  });
  // GitHub's rule: the last matching pattern wins. Patterns here are "*", "/dir/" or "/file".
  const ownersOf = (path: string) =>
    rules
      .filter(
        (r) =>
          r.pattern === '*' || (r.pattern.endsWith('/') ? `/${path}`.startsWith(r.pattern) : `/${path}` === r.pattern),
      )
      .at(-1)?.owners ?? [];
  const guardians = ['@e-mori', '@h-kimura', '@m-ishii', '@s-fujita'];
  for (const path of [
    'src/core/review/approval.ts',
    'scripts/pr-review.ts',
    'test/fakes/fake-github.ts',
    'ledger/2026/run.jsonl',
    'package.json',
    'package-lock.json',
    '.github/workflows/review.yml',
    'config/catalog.yaml',
    'README.md',
  ]) {
    expect(ownersOf(path), path).toEqual(guardians);
  }
  const tracked = execFileSync('git', ['ls-files'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n').filter(Boolean);
  expect(tracked.filter((f) => ownersOf(f).length === 0)).toEqual([]);
  expect(ownersOf('incidents/2026/x.md')).toContain('@t-sato');
});
