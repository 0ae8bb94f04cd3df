/** The audit's git facts at their boundary: real temporary repositories with fixed dates. */
import { mkdtempSync, realpathSync, symlinkSync, utimesSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../../test/helpers/temp-repo.ts';
import { UserError } from '../core/errors.ts';
import {
  addWorktree,
  assertClean,
  commitTime,
  contentDifferences,
  defaultBranch,
  fileHistory,
  filesAtHead,
  gitDirs,
  headCommit,
  isReachableFrom,
  originName,
  removeWorktree,
  showAt,
  showAtHead,
  topLevel,
} from './git-history.ts';

const A = 'incidents/2026/2026-11-20-kcps-a.md';
const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});
function repo(): TempRepo {
  const r = createTempRepo();
  repos.push(r);
  return r;
}
const refusal = (f: () => unknown): string => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as Error).message;
  }
  throw new Error('expected a UserError');
};

describe('commits and refs', () => {
  it('headCommit: sha and committer time; a repository without commits, or no repository, is one line', () => {
    const r = repo();
    expect(refusal(() => headCommit(r.dir))).toBe(
      'the audit exports a commit: run it in a git repository with at least one commit',
    );
    expect(refusal(() => headCommit(mkdtempSync(join(tmpdir(), 'no-repo-'))))).toMatch(/^the audit exports a commit/);
    const sha = r.commit('one', '2026-11-20T12:00:00+09:00');
    expect(headCommit(r.dir)).toEqual({ sha, committedAt: '2026-11-20T12:00:00+09:00' });
    expect(commitTime(r.dir, sha)).toBe('2026-11-20T12:00:00+09:00');
    expect(commitTime(r.dir, 'f'.repeat(40))).toBeUndefined();
    expect(commitTime(r.dir, '--format=%H')).toBeUndefined(); // never passed to git as an option
  });

  it('isReachableFrom, defaultBranch (main, then none), originName', () => {
    const r = repo();
    const c1 = r.commit('one');
    r.git('checkout', '-q', '-b', 'side');
    const c2 = r.commit('two');
    expect(isReachableFrom(r.dir, c1, 'side')).toBe(true);
    expect(isReachableFrom(r.dir, c2, 'main')).toBe(false);
    expect(isReachableFrom(r.dir, 'nope', 'main')).toBe(false);
    expect(defaultBranch(r.dir)).toBe('main');
    expect(originName(r.dir)).toBeUndefined();
    r.git('remote', 'add', 'origin', 'git@github.com:example/status.git');
    for (const url of [
      'git@github.com:example/status.git',
      'https://github.com/example/status',
      'https://github.com/example/status.git/',
    ]) {
      r.git('remote', 'set-url', 'origin', url);
      expect(originName(r.dir)).toBe('example/status');
    }
    r.git('branch', '-m', 'main', 'trunk');
    r.git('branch', '-m', 'side', 'feature');
    expect(defaultBranch(r.dir)).toBeUndefined();
  });

  it('topLevel and gitDirs: the work tree and git folders, absolute; outside a repository, undefined', () => {
    const r = repo();
    r.write('incidents/2026/.gitkeep', '');
    r.commit('one');
    expect(realpathSync(topLevel(join(r.dir, 'incidents/2026'))!)).toBe(realpathSync(r.dir));
    expect(topLevel(mkdtempSync(join(tmpdir(), 'no-repo-')))).toBeUndefined();
    expect(gitDirs(r.dir).map((d) => realpathSync(d))).toEqual([
      realpathSync(join(r.dir, '.git')),
      realpathSync(join(r.dir, '.git')),
    ]);
  });
});

describe('contents', () => {
  it('filesAtHead lists the commit, not the disk; showAt/showAtHead give exact bytes; a missing path throws', () => {
    const r = repo();
    const bytes = Buffer.from([0xef, 0xbb, 0xbf, 0x61, 0xff, 0x00, 0x0a]);
    r.write(A, bytes);
    r.write('incidents/2026/2026-11-21 障害.md', 'odd name');
    const c1 = r.commit('one');
    r.write('incidents/2026/2026-11-22-untracked.md', 'not committed');
    expect(filesAtHead(r.dir, 'incidents')).toEqual([
      'incidents/2026/2026-11-20-kcps-a.md',
      'incidents/2026/2026-11-21 障害.md',
    ]);
    expect(showAtHead(r.dir, A).equals(bytes)).toBe(true);
    expect(showAt(r.dir, c1, A).equals(bytes)).toBe(true);
    expect(() => showAtHead(r.dir, 'incidents/2026/2026-11-22-untracked.md')).toThrow();
  });

  it('fileHistory: every commit that touched the file, oldest first, with its bytes, and none after deletion', () => {
    const r = repo();
    r.write(A, 'v1');
    const c1 = r.commit('declare: subject with | pipes and "quotes"', '2026-11-20T10:00:00+09:00');
    r.write('README.md', 'unrelated');
    r.commit('unrelated', '2026-11-20T11:00:00+09:00');
    r.write(A, 'v2');
    const c3 = r.commit('update', '2026-11-20T12:00:00+09:00');
    r.remove(A);
    const c4 = r.commit('delete', '2026-11-20T13:00:00+09:00');
    const history = fileHistory(r.dir, A);
    expect(history.map((h) => [h.commit, h.subject, h.committedAt, h.content?.toString()])).toEqual([
      [c1, 'declare: subject with | pipes and "quotes"', '2026-11-20T10:00:00+09:00', 'v1'],
      [c3, 'update', '2026-11-20T12:00:00+09:00', 'v2'],
      [c4, 'delete', '2026-11-20T13:00:00+09:00', undefined],
    ]);
    expect(history[0]!.author).toBe('Test');
    expect(fileHistory(r.dir, 'incidents/never.md')).toEqual([]);
  });
});

describe('assertClean (the export refuses a tree that differs from its commit)', () => {
  const clean = () => {
    const r = repo();
    r.write(A, 'committed');
    r.write('.gitignore', 'ignored.md\n');
    r.commit('one');
    return r;
  };

  it('a clean tree passes', () => {
    expect(() => assertClean(clean().dir, ['incidents', 'config'])).not.toThrow();
  });

  it('modified, untracked and ignored-but-present files are named, exit 2', () => {
    for (const change of [
      (r: TempRepo) => r.write(A, 'edited'),
      (r: TempRepo) => r.write('incidents/2026/new.md', 'n'),
      (r: TempRepo) => r.write('incidents/ignored.md', 'i'),
    ]) {
      const r = clean();
      change(r);
      expect(refusal(() => assertClean(r.dir, ['incidents']))).toMatch(
        /^the audit exports a commit, but the working tree differs from it in incidents\//,
      );
    }
  });

  it('an edit hidden from git status (assume-unchanged, or a restored mtime with stat checks relaxed) is still found', () => {
    const r = clean();
    r.git('update-index', '--assume-unchanged', A);
    r.write(A, 'sneaky');
    expect(refusal(() => assertClean(r.dir, ['incidents']))).toContain('assume-unchanged or skip-worktree');
    const s = clean();
    const before = statSync(join(s.dir, A));
    s.git('config', 'core.checkStat', 'minimal');
    s.git('config', 'core.trustctime', 'false');
    writeFileSync(join(s.dir, A), 'committee'); // same length
    utimesSync(join(s.dir, A), before.atime, before.mtime);
    expect(contentDifferences(s.dir, ['incidents'])).toEqual([A]);
    expect(refusal(() => assertClean(s.dir, ['incidents']))).toContain(A);
  });

  it('a committed file replaced by a link is a difference', () => {
    const r = clean();
    r.remove(A);
    symlinkSync('elsewhere.md', join(r.dir, A));
    expect(contentDifferences(r.dir, ['incidents'])).toEqual([A]);
  });
});

describe('worktrees', () => {
  it('addWorktree checks out a commit detached; removeWorktree removes it, and tolerates one already gone', () => {
    const r = repo();
    r.write(A, 'v1');
    const c1 = r.commit('one');
    r.write(A, 'v2');
    r.commit('two');
    const dir = join(mkdtempSync(join(tmpdir(), 'wt-')), 'tree');
    addWorktree(r.dir, dir, c1);
    expect(showAtHead(dir, A).toString()).toBe('v1');
    removeWorktree(r.dir, dir);
    expect(() => removeWorktree(r.dir, dir)).not.toThrow();
    expect(r.git('worktree', 'list')).not.toContain(dir);
  });
});
