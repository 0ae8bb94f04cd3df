import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASE_FILE, baseText } from '../test/builders.ts';
import { startFakeGitHub, type FakeGitHub } from '../test/fakes/fake-github.ts';
import { runScriptAsync } from '../test/helpers/run-script.ts';
import { createTempRepo, type TempRepo } from '../test/helpers/temp-repo.ts';
import { postmortemDoc } from '../test/rule-cases.ts';

const DOC = 'postmortems/2026-11-20-kcps-block-storage-latency.md';
let repo: TempRepo;
let github: FakeGitHub;
beforeEach(async () => {
  repo = createTempRepo();
  repo.write(
    BASE_FILE,
    baseText.replace('postmortem:\n  status: draft', `postmortem:\n  status: in_review\n  document: ${DOC}`),
  );
  repo.write(DOC, postmortemDoc());
  // The deploy verified the page live in time: the only missed target is recovery's, explained in the document.
  repo.write(
    'ledger/2026/live.jsonl',
    `${JSON.stringify({ key: '2026-11-20-kcps-block-storage-latency/page-live/1', kind: 'page-live', incident: '2026-11-20-kcps-block-storage-latency', at: '2026-11-20T10:16:00+09:00', detail: { updates: 1 } })}\n`,
  );
  repo.commit('postmortem in review');
  // The pull request: the postmortem marked approved.
  repo.write(
    BASE_FILE,
    baseText.replace(
      'postmortem:\n  status: draft',
      `postmortem:\n  status: approved\n  approvers: [t-sato, h-kimura]\n  approved_at: "2026-11-26T10:00:00+09:00"\n  document: ${DOC}\n  summary:\n    ja: 要約\n    en: Summary`,
    ),
  );
  github = await startFakeGitHub();
});
afterEach(async () => {
  repo.cleanup();
  await github.close();
});

const approved = (user: string, at = '2026-11-26T01:00:00Z') => ({ user, state: 'APPROVED', submitted_at: at });
const review = (reviews: { user: string; state: string; submitted_at: string }[], commitAuthors = ['k-tanaka']) => {
  github.pulls.push({ number: 7, reviews, commitAuthors, comments: [] });
  return runScriptAsync('pr-review.ts', ['--pr', '7', '--base', 'HEAD', '--now', '2026-11-27T12:00:00+09:00'], {
    cwd: repo.dir,
    env: {
      GITHUB_TOKEN: 'ghs_test',
      GITHUB_REPOSITORY: 'example/status',
      GITHUB_API_URL: github.url,
      GITHUB_ACTIONS: '',
    },
  });
};

describe('npm run pr-review: postmortem approval proven by GitHub reviews', () => {
  it('approval by the right roles, not authors, names matching: passes; the sticky comment says so', async () => {
    const r = await review([approved('t-sato'), approved('h-kimura')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [comment] = github.pulls[0]!.comments;
    expect(comment!.body).toContain('<!-- status-portal:pr-bot -->');
    expect(comment!.body).toContain(
      '✅ `2026-11-20-kcps-block-storage-latency`: every required role approved, by non-authors, as recorded',
    );
    expect(comment!.body).toContain('| `2026-11-20-kcps-block-storage-latency` | review | resolved |');
  });

  it.each([
    ['an approval by an author', [approved('t-sato'), approved('h-kimura')], ['t-sato'], 'APR002'],
    ['a missing role', [approved('t-sato')], ['k-tanaka'], 'APR001'],
    [
      'CHANGES_REQUESTED after the approval',
      [
        approved('t-sato'),
        approved('h-kimura'),
        { user: 'h-kimura', state: 'CHANGES_REQUESTED', submitted_at: '2026-11-26T02:00:00Z' },
      ],
      ['k-tanaka'],
      'APR003',
    ],
    [
      'names in the file that do not match the reviews',
      [approved('y-watanabe'), approved('h-kimura')],
      ['k-tanaka'],
      'APR004',
    ],
  ])('%s fails with its own message', async (_label, reviews, authors, code) => {
    const r = await review(reviews, authors);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      new RegExp(
        `✖ incidents/2026/2026-11-20-kcps-block-storage-latency.md: 2026-11-20-kcps-block-storage-latency: ${code} .*\\n    hint: `,
      ),
    );
    expect(github.pulls[0]!.comments[0]!.body).toContain(`**${code}**`);
  });

  it('the sticky comment is created once, then updated in place', async () => {
    await review([approved('t-sato')]);
    github.pulls[0]!.reviews.push(approved('h-kimura'));
    const r = await runScriptAsync(
      'pr-review.ts',
      ['--pr', '7', '--base', 'HEAD', '--now', '2026-11-27T12:05:00+09:00'],
      {
        cwd: repo.dir,
        env: {
          GITHUB_TOKEN: 'ghs_test',
          GITHUB_REPOSITORY: 'example/status',
          GITHUB_API_URL: github.url,
          GITHUB_ACTIONS: '',
        },
      },
    );
    expect(r.stdout).toContain('PR comment updated.');
    expect(github.pulls[0]!.comments).toHaveLength(1);
    expect(github.pulls[0]!.comments[0]!.body).toContain('✅ no errors');
  });
});

describe("npm run pr-review judges with the base branch's rules and people", () => {
  const run = (args: string[] = [], cwd = repo.dir) =>
    runScriptAsync('pr-review.ts', ['--pr', '7', '--base', 'HEAD', '--now', '2026-11-27T12:00:00+09:00', ...args], {
      cwd,
      env: {
        GITHUB_TOKEN: 'ghs_test',
        GITHUB_REPOSITORY: 'example/status',
        GITHUB_API_URL: github.url,
        GITHUB_ACTIONS: '',
      },
    });
  const approvedText = (approvers: string) =>
    baseText.replace(
      'postmortem:\n  status: draft',
      `postmortem:\n  status: approved\n  approvers: [${approvers}]\n  approved_at: "2026-11-26T10:00:00+09:00"\n  document: ${DOC}\n  summary:\n    ja: 要約\n    en: Summary`,
    );
  const catalogText = () => readFileSync(join(repo.dir, 'config/catalog.yaml'), 'utf8');

  it('forged role via the catalog: a stranger made a service owner in the same PR does not count, and the catalog change needs a base code owner', async () => {
    repo.write('config/catalog.yaml', catalogText().replace('owners: [h-kimura]', 'owners: [h-kimura, x-stranger]'));
    repo.write(BASE_FILE, approvedText('t-sato, x-stranger'));
    github.pulls.push({
      number: 7,
      reviews: [approved('t-sato'), approved('x-stranger')],
      commitAuthors: ['k-tanaka'],
      comments: [],
    });
    const r = await run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('APR001 no approving review from a service-owner (@h-kimura)');
    expect(r.stdout).toContain(
      '✖ config/catalog.yaml: APR007 config/catalog.yaml changes who holds a role (− service kcps owners: h-kimura; + service kcps owners: h-kimura, x-stranger)',
    );
    expect(r.stdout).toContain('hint: A change to who holds a role in config/catalog.yaml');
    expect(github.pulls[0]!.comments[0]!.body).toContain('#### Catalog people');
  });

  it('a catalog change approved by a code owner the base names, not an author, passes', async () => {
    repo.write(
      'config/catalog.yaml',
      catalogText().replace('managers: [k-nakamura]', 'managers: [k-nakamura, n-ogawa]'),
    );
    repo.write(
      BASE_FILE,
      baseText.replace('postmortem:\n  status: draft', `postmortem:\n  status: in_review\n  document: ${DOC}`),
    );
    github.pulls.push({ number: 7, reviews: [approved('h-kimura')], commitAuthors: ['k-nakamura'], comments: [] });
    const r = await run();
    expect(r.stdout).not.toContain('APR007');
    expect(r.code).toBe(0);
  });

  it("department switch in the same PR: the base department's manager must still approve", async () => {
    repo.write(
      BASE_FILE,
      approvedText('k-nakamura, h-kimura')
        .replace('department: cloud-infra-ops', 'department: network-ops')
        .replace('manager: t-sato', 'manager: k-nakamura'),
    );
    github.pulls.push({
      number: 7,
      reviews: [approved('k-nakamura'), approved('h-kimura')],
      commitAuthors: ['k-tanaka'],
      comments: [],
    });
    const r = await run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('APR001 no approving review from a manager (@t-sato, @y-watanabe)');
  });

  it('a commit whose author is linked to no GitHub account: identity unknown, so the approval is not proven', async () => {
    github.pulls.push({
      number: 7,
      reviews: [approved('t-sato'), approved('h-kimura')],
      commitAuthors: ['k-tanaka', null],
      comments: [],
    });
    const r = await run();
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'APR006 commit(s) sha1 (Someone Unlinked) are not linked to a GitHub account, so no approval can be proven to come from a non-author',
    );
  });

  it('reads the pull request from --repo as data, run from elsewhere (the base checkout in review.yml)', async () => {
    github.pulls.push({
      number: 7,
      reviews: [approved('t-sato'), approved('h-kimura')],
      commitAuthors: ['k-tanaka'],
      comments: [],
    });
    const r = await run(['--repo', repo.dir], tmpdir());
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
