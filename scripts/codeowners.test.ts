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
  writeFileSync(catalog, readFileSync(catalog, 'utf8').replace('managers: [k-nakamura]', 'managers: [k-nakamura, m-hayashi]'));
  const stale = runScript('codeowners.ts', ['--check'], { cwd: repo.dir });
  expect(stale.code).toBe(1);
  expect(stale.stderr).toContain('.github/CODEOWNERS is out of date with config/catalog.yaml');
  runScript('codeowners.ts', [], { cwd: repo.dir });
  expect(runScript('codeowners.ts', ['--check'], { cwd: repo.dir }).code).toBe(0);
});
