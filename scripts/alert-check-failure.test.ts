import { afterEach, expect, it } from 'vitest';
import { BASE_FILE, baseText } from '../test/builders.ts';
import { startFakeGitHub, type FakeGitHub } from '../test/fakes/fake-github.ts';
import { runScriptAsync } from '../test/helpers/run-script.ts';
import { createTempRepo, type TempRepo } from '../test/helpers/temp-repo.ts';

let repo: TempRepo | undefined;
let github: FakeGitHub | undefined;
afterEach(async () => {
  repo?.cleanup();
  await github?.close();
});

it('a failed re-check after a fast-lane push mentions the manager on the tracking issue, with the run link', async () => {
  repo = createTempRepo();
  repo.write(BASE_FILE, baseText);
  const before = repo.commit('declare');
  repo.write(BASE_FILE, baseText.replace('"2026-11-20T11:05:00+09:00"', '"2026-11-20T10:30:00+09:00"')); // parses, but breaks INC030
  repo.write('incidents/2026/2026-11-21-kcps-broken.md', '---\nid: [oops\n---\n');
  const after = repo.commit('fast lane push that broke things');
  github = await startFakeGitHub();
  const r = await runScriptAsync(
    'alert-check-failure.ts',
    ['--before', before, '--after', after, '--run-url', 'https://github.test/run/1'],
    {
      cwd: repo.dir,
      env: { GITHUB_TOKEN: 'ghs_test', GITHUB_REPOSITORY: 'example/status', GITHUB_API_URL: github.url },
    },
  );
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const comments = github.issues.flatMap((i) => i.comments);
  expect(comments).toHaveLength(2);
  expect(comments.find((c) => c.includes('2026-11-20-kcps-block-storage-latency'))).toMatch(
    /^@t-sato ⚠️ A push to the default branch changed .* https:\/\/github\.test\/run\/1/,
  );
  expect(comments.find((c) => c.includes('2026-11-21-kcps-broken'))).toMatch(/^@a-kobayashi @k-nakamura/);
});

it('a failed re-check after a push that changed no incident file (e.g. config/) alerts every manager', async () => {
  repo = createTempRepo();
  repo.write(BASE_FILE, baseText);
  const before = repo.commit('declare');
  repo.write('config/extra.yaml', 'x: 1\n');
  const after = repo.commit('config change');
  github = await startFakeGitHub();
  const r = await runScriptAsync(
    'alert-check-failure.ts',
    ['--before', before, '--after', after, '--run-url', 'https://github.test/run/2'],
    {
      cwd: repo.dir,
      env: { GITHUB_TOKEN: 'ghs_test', GITHUB_REPOSITORY: 'example/status', GITHUB_API_URL: github.url },
    },
  );
  expect(r.code).toBe(0);
  expect(github.issues.flatMap((i) => i.comments)).toEqual([
    expect.stringMatching(
      /^@a-kobayashi @k-nakamura @r-yamamoto @s-fujita @t-sato @y-watanabe ⚠️ A push to the default branch \([0-9a-f]{12}\) changed no incident file, but the recheck failed: https:\/\/github\.test\/run\/2/,
    ),
  ]);
});
