/**
 * The fast lane's git side against a real bare "remote" and a real clone:
 * one file changed on the remote tip, nothing local riding along, a moving
 * or refusing remote, hostile --remote/--branch values.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../core/errors.ts';
import { checkLaneTarget, fetchTip, pushOneFile, syncLocal, type RemoteTip } from './fast-lane.ts';

const FILE = 'incidents/2026/2026-11-20-kcps-a.md';
const ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@invalid',
  GIT_AUTHOR_DATE: '2026-11-20T12:00:00+09:00',
  GIT_COMMITTER_DATE: '2026-11-20T12:00:00+09:00',
};
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });

/** A bare remote with one commit (FILE = "v1", README), and a clone of it. */
function world() {
  const top = mkdtempSync(join(tmpdir(), 'fast-lane-'));
  dirs.push(top);
  const remote = join(top, 'remote.git');
  git(top, 'init', '-q', '--bare', '-b', 'main', remote);
  const seed = join(top, 'seed');
  git(top, 'clone', '-q', remote, seed);
  git(seed, 'config', 'commit.gpgsign', 'false');
  mkdirSync(join(seed, 'incidents/2026'), { recursive: true });
  writeFileSync(join(seed, FILE), 'v1\n');
  writeFileSync(join(seed, 'README.md'), 'readme\n');
  git(seed, 'add', '-A');
  git(seed, 'commit', '-q', '-m', 'seed');
  git(seed, 'push', '-q', 'origin', 'main');
  const local = join(top, 'local');
  git(top, 'clone', '-q', remote, local);
  git(local, 'config', 'commit.gpgsign', 'false');
  /** Another person pushing to the remote meanwhile. */
  const pushElsewhere = (path: string, text: string) => {
    git(seed, 'pull', '-q', '--ff-only');
    writeFileSync(join(seed, path), text);
    git(seed, 'add', '-A');
    git(seed, 'commit', '-q', '-m', `elsewhere ${path}`);
    git(seed, 'push', '-q', 'origin', 'main');
  };
  const remoteFile = (path: string) => git(remote, 'show', `main:${path}`);
  return { top, remote, local, pushElsewhere, remoteFile, remoteTip: () => git(remote, 'rev-parse', 'main').trim() };
}
const userError = async (f: () => unknown): Promise<UserError> => {
  try {
    await f();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  }
  throw new Error('expected a UserError');
};
const update = (text: string) => (tip: RemoteTip) => ({
  kind: 'push' as const,
  text: `${tip.read(FILE)}${text}`,
  message: `update ${FILE}`,
});

describe('checkLaneTarget', () => {
  it('plain branch names and remotes pass; refspecs, options, refs/ and spaces are refused before git runs', () => {
    const { local } = world();
    expect(() => checkLaneTarget(local, 'origin', 'main')).not.toThrow();
    expect(() => checkLaneTarget(local, 'origin', 'release/2026')).not.toThrow();
    for (const branch of ['', '-main', '+main', 'main:other', 'refs/heads/main', 'a b', 'a..b', 'main.lock', 'x\ny']) {
      expect(() => checkLaneTarget(local, 'origin', branch), JSON.stringify(branch)).toThrow(
        /^--branch .*: not a plain branch name/,
      );
    }
    for (const remote of ['', '--upload-pack=touch x', '-o'])
      expect(() => checkLaneTarget(local, remote, 'main')).toThrow(/^--remote .*: not a remote name or URL/);
  });
});

describe('fetchTip', () => {
  it('the remote tip and its files; an unknown remote or branch is one line naming them', async () => {
    const { local, remoteTip } = world();
    const tip = fetchTip(local, 'origin', 'main');
    expect(tip.commit).toBe(remoteTip());
    expect(tip.read(FILE)).toBe('v1\n');
    expect(tip.read('incidents/none.md')).toBeUndefined();
    expect((await userError(() => fetchTip(local, 'nowhere', 'main'))).message).toMatch(
      /^--push: cannot fetch nowhere\/main \(.+\); check --remote and --branch, or open a pull request instead$/,
    );
    expect((await userError(() => fetchTip(local, 'origin', 'gone'))).message).toMatch(
      /^--push: cannot fetch origin\/gone \(/,
    );
  });
});

describe('pushOneFile', () => {
  it('pushes exactly one changed file on the remote tip; local commits, edits, HEAD and index stay as they were', async () => {
    const w = world();
    writeFileSync(join(w.local, 'README.md'), 'a local commit that must not ride along\n');
    git(w.local, 'commit', '-q', '-am', 'local only');
    writeFileSync(join(w.local, FILE), 'an uncommitted local edit\n');
    const head = git(w.local, 'rev-parse', 'HEAD');
    const status = git(w.local, 'status', '--porcelain');
    const result = await pushOneFile(w.local, { file: FILE, remote: 'origin', branch: 'main' }, update('v2\n'));
    expect(result.attempts).toBe(1);
    expect(result.commit).toBe(w.remoteTip());
    expect(w.remoteFile(FILE)).toBe('v1\nv2\n');
    expect(w.remoteFile('README.md')).toBe('readme\n');
    expect(git(w.remote, 'diff-tree', '--no-commit-id', '--name-only', '-r', 'main~1', 'main').trim()).toBe(FILE);
    expect(git(w.local, 'rev-parse', 'HEAD')).toBe(head);
    expect(git(w.local, 'status', '--porcelain')).toBe(status);
    expect(readFileSync(join(w.local, FILE), 'utf8')).toBe('an uncommitted local edit\n');
  });

  it('a file new on the remote is added; a large Japanese text (about 1 MB) arrives intact', async () => {
    const w = world();
    const path = 'incidents/2026/2026-11-21-kbi-new.md';
    const text = `${'障害の影響範囲を調査しています。\n'.repeat(20_000)}`;
    await pushOneFile(w.local, { file: path, remote: 'origin', branch: 'main' }, () => ({
      kind: 'push',
      text,
      message: 'new',
    }));
    expect(w.remoteFile(path)).toBe(text);
  });

  it('carried (the remote has it) and --dry-run push nothing', async () => {
    const w = world();
    const before = w.remoteTip();
    expect(
      await pushOneFile(w.local, { file: FILE, remote: 'origin', branch: 'main' }, (tip) => ({
        kind: 'carried',
        text: tip.read(FILE)!,
      })),
    ).toEqual({ text: 'v1\n', tip: before, attempts: 1 });
    expect(
      (await pushOneFile(w.local, { file: FILE, remote: 'origin', branch: 'main', dryRun: true }, update('v2\n')))
        .commit,
    ).toBeUndefined();
    expect(w.remoteTip()).toBe(before);
  });

  it('the remote moved meanwhile: rebuilt on the new tip (both changes kept), no merge, no force', async () => {
    const w = world();
    let calls = 0;
    const result = await pushOneFile(w.local, { file: FILE, remote: 'origin', branch: 'main' }, (tip) => {
      if (++calls === 1) w.pushElsewhere('README.md', 'changed by someone else\n');
      return update('v2\n')(tip);
    });
    expect(result.attempts).toBe(2);
    expect(w.remoteFile('README.md')).toBe('changed by someone else\n');
    expect(w.remoteFile(FILE)).toBe('v1\nv2\n');
    expect(git(w.remote, 'rev-list', '--count', 'main').trim()).toBe('3');
  });

  it('a remote that keeps moving: gives up after 5 tips with one line, nothing written locally', async () => {
    const w = world();
    let n = 0;
    const err = await userError(() =>
      pushOneFile(
        w.local,
        { file: FILE, remote: 'origin', branch: 'main' },
        (tip) => (w.pushElsewhere('README.md', `move ${n++}\n`), update('v2\n')(tip)),
      ),
    );
    expect(err.message).toBe(
      '--push: origin/main moved 5 times while pushing; nothing was written locally: run the same command again',
    );
    expect(git(w.local, 'status', '--porcelain')).toBe('');
  });

  it("a remote that refuses (a server hook, like branch protection): one line with git's reason, safe to repeat", async () => {
    const w = world();
    const hook = join(w.remote, 'hooks/pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho "protected branch hook declined" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    const before = w.remoteTip();
    const err = await userError(() =>
      pushOneFile(w.local, { file: FILE, remote: 'origin', branch: 'main' }, update('v2\n')),
    );
    expect(err.message).toMatch(
      /^--push: origin\/main refused the push \(.*(declined|rejected).*\); nothing was written locally, so running the same command again is safe/,
    );
    expect(err.message).not.toContain('\n');
    expect(w.remoteTip()).toBe(before);
  });

  it('a plan that refuses (not a live update) stops before anything is built or pushed', async () => {
    const w = world();
    const before = w.remoteTip();
    const err = await userError(() =>
      pushOneFile(w.local, { file: FILE, remote: 'origin', branch: 'main' }, () => {
        throw new UserError('not a live update');
      }),
    );
    expect(err.message).toBe('not a live update');
    expect(w.remoteTip()).toBe(before);
  });
});

describe('syncLocal', () => {
  it('fast-forwards a checkout that sits on the old tip with the file untouched', async () => {
    const w = world();
    const old = git(w.local, 'rev-parse', 'HEAD').trim();
    const r = await pushOneFile(w.local, { file: FILE, remote: 'origin', branch: 'main' }, update('v2\n'));
    let wrote = false;
    expect(syncLocal(w.local, FILE, old, r.commit, () => (wrote = true))).toBe('fast-forwarded');
    expect(wrote).toBe(false);
    expect(git(w.local, 'rev-parse', 'HEAD').trim()).toBe(r.commit);
    expect(readFileSync(join(w.local, FILE), 'utf8')).toBe('v1\nv2\n');
  });

  it('with local edits to the file: writes and stages it instead of a merge that could stop half-way', async () => {
    const w = world();
    const old = git(w.local, 'rev-parse', 'HEAD').trim();
    const r = await pushOneFile(w.local, { file: FILE, remote: 'origin', branch: 'main' }, update('v2\n'));
    writeFileSync(join(w.local, FILE), 'local edit\n');
    expect(syncLocal(w.local, FILE, old, r.commit, () => writeFileSync(join(w.local, FILE), r.text))).toBe('written');
    expect(git(w.local, 'rev-parse', 'HEAD').trim()).toBe(old);
    expect(git(w.local, 'diff', '--cached', '--name-only').trim()).toBe(FILE);
    expect(git(w.local, 'status', '--porcelain', '--', FILE)).not.toContain('UU');
  });

  it('outside any repository the file is still written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fast-lane-no-repo-'));
    dirs.push(dir);
    let wrote = false;
    expect(syncLocal(dir, FILE, 'abc', 'def', () => (wrote = true))).toBe('written');
    expect(wrote).toBe(true);
  });
});
