/**
 * The fast lane on real repositories: a bare remote, the responder's clone,
 * and a colleague's clone pushing concurrently. Each attack from the
 * "nothing unreviewed reaches main" issue is one test.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runScript } from '../test/helpers/run-script.ts';
import { createTempRepo, type TempRepo } from '../test/helpers/temp-repo.ts';

const ID = '2026-11-27-kcps-block-storage-latency';
const FILE = `incidents/2026/${ID}.md`;
const env = {
  GIT_AUTHOR_NAME: 'k-tanaka',
  GIT_AUTHOR_EMAIL: 'k-tanaka@invalid',
  GIT_COMMITTER_NAME: 'k-tanaka',
  GIT_COMMITTER_EMAIL: 'k-tanaka@invalid',
};

let repo: TempRepo;
let bare: string;
let scratch: string;
const remote = (...args: string[]) => execFileSync('git', args, { cwd: bare, encoding: 'utf8' });
const incident = (args: string[]) => runScript('incident.ts', args, { cwd: repo.dir, env });
const update = (status: string, en: string, now = '2026-11-27T10:40:00+09:00', extra: string[] = []) =>
  incident([
    'update',
    ID,
    '--push',
    '--now',
    now,
    '--status',
    status,
    '--message-ja',
    `${en}（日本語）`,
    '--message-en',
    en,
    ...extra,
  ]);
const remoteFile = () => remote('show', `main:${FILE}`);
const statusesOf = (text: string) =>
  [...text.matchAll(/^ {4}status: (investigating|identified|monitoring|resolved)$/gm)].map((m) => m[1]);

/** A colleague's clone that pushes its own update to the same incident file. */
function colleaguePushes(message: string): void {
  const dir = join(scratch, `colleague-${Math.random().toString(36).slice(2)}`);
  execFileSync('git', ['clone', '-q', bare, dir]);
  const r = runScript(
    'incident.ts',
    [
      'update',
      ID,
      '--push',
      '--now',
      '2026-11-27T10:30:00+09:00',
      '--status',
      'identified',
      '--message-ja',
      '同僚の更新',
      '--message-en',
      message,
    ],
    { cwd: dir, env },
  );
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
}

beforeEach(() => {
  repo = createTempRepo();
  scratch = mkdtempSync(join(tmpdir(), 'fast-lane-'));
  bare = join(scratch, 'remote.git');
  execFileSync('git', ['init', '-q', '--bare', '-b', 'main', bare]);
  const declared = incident([
    'new',
    '--now',
    '2026-11-27T10:20:00+09:00',
    '--service',
    'kcps',
    '--severity',
    'sev3',
    '--components',
    'block-storage:partial_outage',
    '--title-ja',
    'ブロックストレージの遅延',
    '--title-en',
    'Block storage latency',
    '--source',
    'monitoring',
    '--detected-at',
    '2026-11-27T10:02:00+09:00',
    '--department',
    'cloud-infra-ops',
    '--responder',
    'k-tanaka',
  ]);
  expect(declared.code).toBe(0);
  repo.commit('declare');
  repo.git('remote', 'add', 'origin', bare);
  repo.git('push', '-q', 'origin', 'main');
});
afterEach(() => {
  repo.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

describe('the fast lane carries only a live update', () => {
  it('a live update: one commit on the remote tip changing only the incident file; the local branch is fast-forwarded', () => {
    const tip = remote('rev-parse', 'main').trim();
    const r = update('identified', 'We found the cause.');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`^Pushed [0-9a-f]{12} to origin/main: only ${FILE}, 1 update\\(s\\) appended\\.`),
    );
    expect(remote('rev-parse', 'main~1').trim()).toBe(tip);
    expect(remote('diff-tree', '--no-commit-id', '--name-only', '-r', 'main').trim()).toBe(FILE);
    expect(remote('log', '-1', '--format=%s', 'main').trim()).toBe(`${ID}: update (identified)`);
    expect(statusesOf(remoteFile())).toEqual(['investigating', 'identified']);
    expect(repo.git('rev-parse', 'HEAD').trim()).toBe(remote('rev-parse', 'main').trim());
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('resolve --push appends the resolving update and the recovery time', () => {
    const r = incident([
      'resolve',
      ID,
      '--push',
      '--now',
      '2026-11-27T11:10:00+09:00',
      '--recovered-at',
      '2026-11-27T11:05:00+09:00',
    ]);
    expect(r.code).toBe(0);
    expect(remoteFile()).toContain('recovered_at: "2026-11-27T11:05:00+09:00"');
    expect(statusesOf(remoteFile())).toEqual(['investigating', 'resolved']);
  });

  it('a smuggled unpushed local commit (the author made a service owner in the catalog) does not reach the remote', () => {
    const catalog = readFileSync(join(repo.dir, 'config/catalog.yaml'), 'utf8');
    repo.write('config/catalog.yaml', catalog.replace('owners: [h-kimura]', 'owners: [h-kimura, k-tanaka]'));
    repo.commit('make me an owner');
    const r = update('identified', 'We found the cause.');
    expect(r.code).toBe(0);
    expect(remote('show', 'main:config/catalog.yaml')).toBe(catalog);
    expect(remote('diff-tree', '--no-commit-id', '--name-only', '-r', 'main').trim()).toBe(FILE);
    expect(remote('rev-list', '--count', 'main').trim()).toBe('2');
    // The local branch keeps its own commit; the pushed file is written and staged so a pull can fast-forward.
    expect(r.stdout).toContain(`Wrote and staged ${FILE}`);
    expect(readFileSync(join(repo.dir, FILE), 'utf8')).toBe(remoteFile());
  });

  it('an uncommitted hand edit of detection.at is refused, and nothing is pushed or written', () => {
    const before = remote('rev-parse', 'main').trim();
    const edited = readFileSync(join(repo.dir, FILE), 'utf8').replace(
      'at: "2026-11-27T10:02:00+09:00"',
      'at: "2026-11-27T10:12:00+09:00"',
    );
    writeFileSync(join(repo.dir, FILE), edited);
    const r = update('identified', 'We found the cause.');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `--push: your ${FILE} differs from origin/main (detection.at changed); the fast lane carries only this update: put that change in a pull request, or restore the file (git checkout origin/main -- ${FILE}) and run again\n`,
    );
    expect(remote('rev-parse', 'main').trim()).toBe(before);
    expect(readFileSync(join(repo.dir, FILE), 'utf8')).toBe(edited);
  });

  it('a change that is not an update (a severity change) is refused: it needs a review', () => {
    const r = update('identified', 'Escalating.', '2026-11-27T10:40:00+09:00', ['--severity', 'sev1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      '--push: this update is not only a live update (severity changed); that goes through a reviewed pull request\n',
    );
    expect(remote('rev-list', '--count', 'main').trim()).toBe('1');
  });

  it('an update CI would reject is refused before anything is pushed', () => {
    const r = update('investigating', 'Back in time', '2026-11-27T10:45:00+09:00', [
      '--at',
      '2026-11-27T10:00:00+09:00',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Not pushed: CI would reject this update\.\n\n.*INC030/s);
    expect(r.stderr).not.toContain('    at ');
    expect(remote('rev-list', '--count', 'main').trim()).toBe('1');
  });
});

describe('a remote that moved', () => {
  it('the remote moved on the same file before the command: the update is applied on the new tip, no rebase, no conflict markers', () => {
    colleaguePushes('Colleague found the cause.');
    const r = update('monitoring', 'Fix deployed, watching.');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(statusesOf(remoteFile())).toEqual(['investigating', 'identified', 'monitoring']);
    expect(remoteFile()).toContain('Colleague found the cause.');
    expect(existsSync(join(repo.dir, '.git/rebase-merge')) || existsSync(join(repo.dir, '.git/rebase-apply'))).toBe(
      false,
    );
    expect(readFileSync(join(repo.dir, FILE), 'utf8')).not.toMatch(/^(<<<<<<<|>>>>>>>)/m);
    expect(readFileSync(join(repo.dir, FILE), 'utf8')).toBe(remoteFile());
  });

  it('the remote moved between fetch and push (a real race): the push is refused by git, rebuilt on the new tip and pushed', () => {
    // The responder's pre-push hook lets the colleague push first, once: git then rejects our push as non-fast-forward.
    const other = join(scratch, 'racer');
    execFileSync('git', ['clone', '-q', bare, other]);
    const marker = join(scratch, 'raced');
    const script = join(scratch, 'race.sh');
    writeFileSync(
      script,
      `#!/bin/sh\n[ -e "${marker}" ] && exit 0\ntouch "${marker}"\ncd "${other}" && "${process.execPath}" "${join(import.meta.dirname, 'incident.ts')}" update ${ID} --push --now 2026-11-27T10:30:00+09:00 --status identified --message-ja 競合 --message-en Racer >/dev/null 2>&1\nexit 0\n`,
    );
    chmodSync(script, 0o755);
    repo.git('config', 'core.hooksPath', join(scratch, 'hooks'));
    execFileSync('mkdir', ['-p', join(scratch, 'hooks')]);
    writeFileSync(
      join(scratch, 'hooks/pre-push'),
      `#!/bin/sh\nexec env -u GIT_DIR -u GIT_WORK_TREE -u GIT_INDEX_FILE "${script}"\n`,
    );
    chmodSync(join(scratch, 'hooks/pre-push'), 0o755);
    const r = update('monitoring', 'Fix deployed, watching.');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('origin/main had moved, so it was rebuilt on the new tip');
    expect(statusesOf(remoteFile())).toEqual(['investigating', 'identified', 'monitoring']);
    expect(remote('diff-tree', '--no-commit-id', '--name-only', '-r', 'main').trim()).toBe(FILE);
  });
});

describe('retrying is always safe', () => {
  it('a refused push leaves the local file unchanged; the retry appends the update once', () => {
    const hook = join(bare, 'hooks/pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "protected branch: pushes need a pull request" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    const before = readFileSync(join(repo.dir, FILE), 'utf8');
    const failed = update('identified', 'We found the cause.');
    expect(failed.code).toBe(1);
    expect(failed.stderr.trim().split('\n')).toHaveLength(1);
    expect(failed.stderr).toMatch(
      /^--push: origin\/main refused the push \(remote: protected branch: pushes need a pull request\); nothing was written locally, so running the same command again is safe/,
    );
    expect(readFileSync(join(repo.dir, FILE), 'utf8')).toBe(before);
    expect(repo.git('status', '--porcelain')).toBe('');
    rmSync(hook);
    const retried = update('identified', 'We found the cause.', '2026-11-27T10:41:00+09:00');
    expect(retried.code).toBe(0);
    expect(statusesOf(remoteFile())).toEqual(['investigating', 'identified']);
  });

  it('a retry after a push whose answer was lost, and after a colleague pushed on top of it, does not append twice', () => {
    expect(update('identified', 'We found the cause.', '2026-11-27T10:25:00+09:00').code).toBe(0);
    repo.git('reset', '-q', '--hard', 'HEAD~1'); // as if the command had died right after the push
    colleaguePushes('A colleague adds a note.');
    const again = update('identified', 'We found the cause.', '2026-11-27T10:42:00+09:00');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('origin/main already carries this update; nothing pushed, nothing appended twice.');
    expect(statusesOf(remoteFile())).toEqual(['investigating', 'identified', 'identified']);
    expect(remote('rev-list', '--count', 'main').trim()).toBe('3');
    // The same words again, from an up-to-date copy, are a new update (a repeated "still monitoring" is legitimate).
    repo.git('pull', '-q', '--ff-only', 'origin', 'main');
    expect(update('identified', 'We found the cause.', '2026-11-27T10:50:00+09:00').code).toBe(0);
    expect(statusesOf(remoteFile())).toEqual(['investigating', 'identified', 'identified', 'identified']);
  });

  it('a retry after a push whose answer was lost does not append twice', () => {
    expect(update('identified', 'We found the cause.').code).toBe(0);
    repo.git('reset', '-q', '--hard', 'HEAD~1'); // as if the command had died right after the push
    const again = update('identified', 'We found the cause.', '2026-11-27T10:42:00+09:00');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('origin/main already carries this update; nothing pushed, nothing appended twice.');
    expect(statusesOf(remoteFile())).toEqual(['investigating', 'identified']);
    expect(remote('rev-list', '--count', 'main').trim()).toBe('2');
  });

  it('an unreachable remote is one line, not a stack trace', () => {
    repo.git('remote', 'set-url', 'origin', join(scratch, 'missing.git'));
    const r = update('identified', 'We found the cause.');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^--push: cannot fetch origin\/main \(.*\); check --remote and --branch, or open a pull request instead\n$/,
    );
  });
});

describe('hostile and odd inputs', () => {
  it.each([
    ['a refspec', ['--branch', 'main:refs/heads/evil']],
    ['a force refspec', ['--branch', '+main']],
    ['a full ref', ['--branch', 'refs/heads/main']],
    ['an option', ['--branch=--upload-pack=touch pwned']],
    ['a reflog expression', ['--branch', '@{-1}']],
    ['a range', ['--branch', 'main..evil']],
    ['an option as remote', ['--remote=--upload-pack=touch pwned']],
  ])(
    '%s as --branch/--remote is a usage error (exit 2) before git runs: no ref, no file, nothing pushed',
    (_what, extra) => {
      const refs = repo.git('for-each-ref', '--format=%(refname)');
      const r = update('identified', 'We found the cause.', '2026-11-27T10:40:00+09:00', extra);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^--(branch|remote) .*: not a (plain branch name|remote name or URL)/);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(repo.git('for-each-ref', '--format=%(refname)')).toBe(refs);
      expect(repo.git('status', '--porcelain')).toBe('');
      expect(existsSync(join(repo.dir, 'pwned'))).toBe(false);
      expect(remote('rev-list', '--count', 'main').trim()).toBe('1');
    },
  );

  it('--dry-run prints the file built on the remote and pushes nothing', () => {
    const r = update('identified', 'We found the cause.', '2026-11-27T10:40:00+09:00', ['--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('en: We found the cause.');
    expect(remote('rev-list', '--count', 'main').trim()).toBe('1');
    expect(repo.git('status', '--porcelain')).toBe('');
  });

  it('an incident that is not on the remote is refused: new incidents go through a pull request', () => {
    const r = incident([
      'update',
      '2026-11-27-kcps-unknown',
      '--push',
      '--now',
      '2026-11-27T10:40:00+09:00',
      '--status',
      'identified',
      '--message-ja',
      'x',
      '--message-en',
      'y',
    ]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      '--push: incidents/2026/2026-11-27-kcps-unknown.md is not on origin/main; the fast lane only updates an incident already there (a new one goes through a pull request)\n',
    );
  });

  it('an invalid file on the remote is refused without a stack trace', () => {
    const other = join(scratch, 'breaker');
    execFileSync('git', ['clone', '-q', bare, other]);
    writeFileSync(join(other, FILE), '---\nid: [broken\n---\n');
    execFileSync('git', ['-c', 'user.name=x', '-c', 'user.email=x@invalid', 'commit', '-qam', 'break'], { cwd: other });
    execFileSync('git', ['push', '-q', 'origin', 'main'], { cwd: other });
    const r = update('identified', 'We found the cause.');
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `${FILE} on origin/main is not valid; fix it through a pull request first (npm run check -- ${FILE})\n`,
    );
    expect(r.stderr).not.toContain('Internal error');
  });
});
