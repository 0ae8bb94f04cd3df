/**
 * The recheck of every push to main, on real repositories and a local fake
 * GitHub: reviewed pushes pass, the direct paths (fast lane, ledger) pass,
 * anything else unreviewed is alerted to the managers and fails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BASE_FILE, baseText } from '../test/builders.ts';
import { startFakeGitHub, type FakeGitHub } from '../test/fakes/fake-github.ts';
import { runScriptAsync } from '../test/helpers/run-script.ts';
import { createTempRepo, type TempRepo } from '../test/helpers/temp-repo.ts';
import { postmortemDoc } from '../test/rule-cases.ts';

const DOC = 'postmortems/2026-11-20-kcps-block-storage-latency.md';
const inReview = baseText.replace(
  'postmortem:\n  status: draft',
  `postmortem:\n  status: in_review\n  document: ${DOC}`,
);
const approved = (approvers: string) =>
  baseText.replace(
    'postmortem:\n  status: draft',
    `postmortem:\n  status: approved\n  approvers: [${approvers}]\n  approved_at: "2026-11-26T10:00:00+09:00"\n  document: ${DOC}\n  summary:\n    ja: 要約\n    en: Summary`,
  );

let repo: TempRepo;
let github: FakeGitHub;
let before: string;
beforeEach(async () => {
  repo = createTempRepo();
  repo.write(BASE_FILE, inReview);
  repo.write(DOC, postmortemDoc());
  before = repo.commit('state of main before the push');
  github = await startFakeGitHub();
});
afterEach(async () => {
  repo.cleanup();
  await github.close();
});

const recheck = (after: string) =>
  runScriptAsync('recheck-push.ts', ['--before', before, '--after', after, '--run-url', 'https://github.test/run/9'], {
    cwd: repo.dir,
    env: { GITHUB_TOKEN: 'ghs_test', GITHUB_REPOSITORY: 'example/status', GITHUB_API_URL: github.url },
  });
const comments = () => github.issues.flatMap((i) => i.comments);

describe('recheck of every push to main', () => {
  it('a fast-lane live update pushed directly passes, with no alert', async () => {
    repo.write(
      BASE_FILE,
      inReview.replace(
        'recovered_at:',
        '  - at: "2026-11-20T11:50:00+09:00"\n    status: investigating\n    reopen_reason: Latency returned\n    message:\n      ja: 再発しました。\n      en: It is back.\nrecovered_at:',
      ),
    );
    const r = await recheck(repo.commit('fast lane'));
    expect(r.stdout).toContain(
      '1 commit(s) pushed directly (no pull request merged them): 1 file(s), nothing unreviewed',
    );
    expect(r.code).toBe(0);
    expect(comments()).toEqual([]);
  });

  it('new ledger files from the SLA engine pass', async () => {
    repo.write(
      'ledger/2026/run-1.jsonl',
      '{"key":"x/warning/ack","kind":"warning","incident":"x","at":"2026-11-20T10:17:00+09:00","detail":{}}\n',
    );
    expect((await recheck(repo.commit('sla'))).code).toBe(0);
  });

  it('a push whose previous tip this repository does not have (history rewritten, the old tip gone) is alerted and fails', async () => {
    const after = repo.commit('anything');
    const r = await runScriptAsync(
      'recheck-push.ts',
      ['--before', 'f'.repeat(40), '--after', after, '--run-url', 'https://github.test/run/9'],
      {
        cwd: repo.dir,
        env: { GITHUB_TOKEN: 'ghs_test', GITHUB_REPOSITORY: 'example/status', GITHUB_API_URL: github.url },
      },
    );
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `the default branch was rewritten (force push): its previous tip ffffffffffff is not in the pushed history`,
    );
    expect(comments()[0]).toMatch(/^@a-kobayashi @k-nakamura @r-yamamoto @s-fujita @t-sato @y-watanabe ⚠️ /);
  });

  it('a customer notice in a directly pushed ledger file dated more than 15 minutes before the recheck is back-dated evidence', async () => {
    const entry = (kind: string, at: string) =>
      `{"key":"2026-11-20-kcps-block-storage-latency/${kind}/${at}","kind":"${kind}","incident":"2026-11-20-kcps-block-storage-latency","at":"${at}","detail":{}}\n`;
    const at = (after: string, now: string) =>
      runScriptAsync(
        'recheck-push.ts',
        ['--before', before, '--after', after, '--run-url', 'https://github.test/run/9', '--now', now],
        {
          cwd: repo.dir,
          env: { GITHUB_TOKEN: 'ghs_test', GITHUB_REPOSITORY: 'example/status', GITHUB_API_URL: github.url },
        },
      );
    // 14 minutes old: a run that pushed a little late, within the tolerance; old non-notice entries do not matter.
    repo.write(
      'ledger/2026/run-3.jsonl',
      entry('page-live', '2026-11-20T10:16:00+09:00') + entry('warning', '2026-11-19T10:00:00+09:00'),
    );
    const fresh = repo.commit('sla run');
    expect((await at(fresh, '2026-11-20T10:30:00+09:00')).code).toBe(0);
    for (const kind of ['page-live', 'customer-email']) {
      repo.write(`ledger/2026/run-${kind}.jsonl`, entry(kind, '2026-11-20T10:14:00+09:00'));
      const late = repo.commit(`evidence of ${kind} after the fact`);
      const r = await at(late, '2026-11-20T10:30:00+09:00');
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(
        `ledger/2026/run-${kind}.jsonl was pushed with ${kind} evidence 2026-11-20-kcps-block-storage-latency/${kind}/2026-11-20T10:14:00+09:00 dated 2026-11-20T10:14:00+09:00, more than 15 minutes before this recheck (2026-11-20T01:30:00.000Z)`,
      );
    }
  });

  it('a file added under ledger/ that is not a ledger file is alerted: junk lines, a stray path', async () => {
    repo.write(
      'ledger/2026/run-2.jsonl',
      '{"key":"x/warning/ack","kind":"warning","incident":"x","at":"2026-11-20T10:17:00+09:00","detail":{}}\n{"kind":"warning"}\n',
    );
    repo.write('ledger/notes.md', 'hello\n');
    const r = await recheck(repo.commit('not the SLA engine'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'ledger/2026/run-2.jsonl was added without a pull request and is not a ledger file the SLA engine writes (line 2 is not a ledger entry',
    );
    expect(r.stdout).toContain('ledger/notes.md was added without a pull request and is not a ledger file');
  });

  it('a direct push to config/, src/ and .github/ is alerted to every manager and fails', async () => {
    const catalog = readFileSync(join(repo.dir, 'config/catalog.yaml'), 'utf8');
    repo.write('config/catalog.yaml', catalog.replace('owners: [h-kimura]', 'owners: [h-kimura, k-tanaka]'));
    repo.write('src/core/review/approval.ts', '// judged differently now\n');
    repo.write('.github/workflows/review.yml', 'name: review\n');
    const r = await recheck(repo.commit('direct'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✖ commit [0-9a-f]{12}: config\/catalog\.yaml was modified without a pull request/);
    expect(r.stdout).toContain(': src/core/review/approval.ts was added without a pull request');
    const [alert] = comments();
    expect(alert).toMatch(
      /^@a-kobayashi @k-nakamura @r-yamamoto @s-fujita @t-sato @y-watanabe ⚠️ Push [0-9a-f]{12} to the default branch \(1 commit\(s\) pushed directly/,
    );
    expect(alert).toContain(': .github/workflows/review.yml was added without a pull request');
    expect(alert).toContain(
      'What right looks like: changes reach the default branch through a pull request approved by the code owners',
    );
    expect(github.issues[0]!.title).toBe('Unreviewed changes on the default branch');
  });

  it("fabricated approvers pushed directly: no pull request proves them; the incident's managers are alerted on its tracking issue", async () => {
    repo.write(BASE_FILE, approved('t-sato, h-kimura'));
    const r = await recheck(repo.commit('approve it myself'));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      '2026-11-20-kcps-block-storage-latency: the postmortem was approved in a push that no pull request merged, so no review proves the approval (approvers: t-sato, h-kimura)',
    );
    expect(comments()[0]).toMatch(/^@t-sato @y-watanabe ⚠️ /);
    expect(github.issues[0]!.body).toContain('<!-- status-portal:tracking:2026-11-20-kcps-block-storage-latency -->');
  });

  it("an approval merged by a pull request is proven against that pull request's reviews: real approvals pass", async () => {
    repo.write(BASE_FILE, approved('t-sato, h-kimura'));
    const after = repo.commit('merge #12');
    github.pulls.push({
      number: 12,
      mergedCommits: [after],
      mergedAt: '2026-11-26T02:00:00Z',
      reviews: [
        { user: 't-sato', state: 'APPROVED', submitted_at: '2026-11-26T01:00:00Z' },
        { user: 'h-kimura', state: 'APPROVED', submitted_at: '2026-11-26T01:10:00Z' },
      ],
      commitAuthors: ['k-tanaka'],
      comments: [],
    });
    const r = await recheck(after);
    expect(r.stdout).toContain('merged by pull request #12');
    expect(r.code).toBe(0);
  });

  it('a pull request merged into another branch proves nothing about a commit pushed to main', async () => {
    repo.write(BASE_FILE, approved('t-sato, h-kimura'));
    const after = repo.commit('approved on a side branch, pushed to main directly');
    github.pulls.push({
      number: 16,
      base: 'scratch',
      mergedCommits: [after],
      mergedAt: '2026-11-26T02:00:00Z',
      reviews: [
        { user: 't-sato', state: 'APPROVED', submitted_at: '2026-11-26T01:00:00Z' },
        { user: 'h-kimura', state: 'APPROVED', submitted_at: '2026-11-26T01:10:00Z' },
      ],
      commitAuthors: ['k-tanaka'],
      comments: [],
    });
    const r = await recheck(after);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('the postmortem was approved in a push that no pull request merged');
    expect(comments()[0]).toContain('(1 commit(s) pushed directly (no pull request merged them))');
  });

  it('an approval merged by a pull request without the reviews (e.g. an admin merge) fails and is alerted', async () => {
    repo.write(BASE_FILE, approved('t-sato, h-kimura'));
    const after = repo.commit('merge #13');
    github.pulls.push({
      number: 13,
      mergedCommits: [after],
      mergedAt: '2026-11-26T02:00:00Z',
      reviews: [{ user: 't-sato', state: 'APPROVED', submitted_at: '2026-11-26T01:00:00Z' }],
      commitAuthors: ['k-tanaka'],
      comments: [],
    });
    const r = await recheck(after);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'pull request #13 does not prove the approval: APR001 no approving review from a service-owner (@h-kimura)',
    );
    expect(comments()).toHaveLength(1);
  });

  it('a pull request merged past code-owner review (an admin merge of src/ approved by a non-owner) fails and is alerted', async () => {
    repo.write('src/core/review/approval.ts', '// judged differently now\n');
    const after = repo.commit('merge #14');
    github.pulls.push({
      number: 14,
      mergedCommits: [after],
      mergedAt: '2026-11-26T02:00:00Z',
      reviews: [{ user: 'k-tanaka', state: 'APPROVED', submitted_at: '2026-11-26T01:00:00Z' }],
      commitAuthors: ['h-kimura'],
      comments: [],
    });
    const r = await recheck(after);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'pull request #14 was merged without an approving review from a code owner of src/core/review/approval.ts (@e-mori, @h-kimura, @m-ishii, @s-fujita) who is not an author',
    );
    expect(comments()[0]).toMatch(
      /^@a-kobayashi .* ⚠️ Push [0-9a-f]{12} to the default branch \(merged by pull request #14\)/,
    );
  });

  it('a direct commit cannot hide in a push whose tip a pull request merged', async () => {
    const catalog = readFileSync(join(repo.dir, 'config/catalog.yaml'), 'utf8');
    repo.write('config/catalog.yaml', catalog.replace('owners: [h-kimura]', 'owners: [h-kimura, k-tanaka]'));
    const sneaked = repo.commit('direct, unreviewed');
    repo.write(BASE_FILE, approved('t-sato, h-kimura'));
    const after = repo.commit('merge #15');
    github.pulls.push({
      number: 15,
      mergedCommits: [after],
      mergedAt: '2026-11-26T02:00:00Z',
      reviews: [
        { user: 't-sato', state: 'APPROVED', submitted_at: '2026-11-26T01:00:00Z' },
        { user: 'h-kimura', state: 'APPROVED', submitted_at: '2026-11-26T01:10:00Z' },
      ],
      commitAuthors: ['k-tanaka'],
      comments: [],
    });
    const r = await recheck(after);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `✖ commit ${sneaked.slice(0, 12)}: config/catalog.yaml was modified without a pull request`,
    );
    expect(r.stdout).not.toContain('pull request #15 does not prove');
    expect(comments()[0]).toMatch(/\(merged by pull request #15 and 1 commit\(s\) pushed directly/);
  });
});
