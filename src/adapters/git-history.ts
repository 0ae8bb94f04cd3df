/** Git facts for the audit export: the commit exported, and each incident file's history up to it. */
import { existsSync, lstatSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../core/errors.ts';
import { hasCommit, runGit, runGitBytes } from './git-run.ts';

const SEP = '\x1f';

export interface CommitInfo {
  sha: string;
  committedAt: string;
}

export function headCommit(root: string): CommitInfo {
  try {
    const [sha, committedAt] = runGit(root, ['log', '-1', `--format=%H${SEP}%cI`])
      .trim()
      .split(SEP);
    return { sha: sha!, committedAt: committedAt! };
  } catch {
    throw new UserError('the audit exports a commit: run it in a git repository with at least one commit');
  }
}

/**
 * Everything the export reads or runs: the data and the generator's own code.
 * A difference from the commit under any of these (modified, staged, deleted,
 * untracked or ignored-but-present) would make the package disagree with the
 * commit its manifest names.
 */
export const EXPORT_INPUTS = [
  'src',
  'scripts',
  'config',
  'incidents',
  'postmortems',
  'ledger',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  '.npmrc',
] as const;

/** Refuses, in one line, a working tree that differs from HEAD under `paths`. */
export function assertClean(root: string, paths: readonly string[]): void {
  const dirty = runGit(root, ['status', '--porcelain', '--untracked-files=all', '--ignored=matching', '--', ...paths])
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
  // assume-unchanged (lower-case tag) and skip-worktree (S) hide edits from git status: refuse them too.
  const hidden = runGit(root, ['ls-files', '-v', '-z', '--', ...paths])
    .split('\0')
    .filter((entry) => /^([a-z]|S) /.test(entry))
    .map((entry) => entry.slice(2));
  if (hidden.length) {
    throw new UserError(
      `the audit exports a commit, but git is told not to look at ${hidden.slice(0, 5).join(', ')}${hidden.length > 5 ? ` and ${hidden.length - 5} more` : ''} (assume-unchanged or skip-worktree); clear it with git update-index --no-assume-unchanged --no-skip-worktree, then export again`,
      2,
    );
  }
  if (dirty.length) refuseDirty(dirty);
  // git status trusts the stat data (core.checkStat=minimal, core.trustctime=false, a restored mtime hide an edit): compare contents too.
  const changed = contentDifferences(root, paths);
  if (changed.length) refuseDirty(changed);
}

function refuseDirty(dirty: readonly string[]): never {
  const shown = dirty.slice(0, 5).join(', ') + (dirty.length > 5 ? ` and ${dirty.length - 5} more` : '');
  throw new UserError(
    `the audit exports a commit, but the working tree differs from it in ${shown}; commit, stash or remove them (git status), then export again`,
    2,
  );
}

/**
 * Files of HEAD under `paths` whose bytes on disk are not the commit's blob:
 * every file is hashed (git hash-object --no-filters), so no stat data, filter
 * or index entry is trusted. A file that is missing or of another kind differs.
 */
export function contentDifferences(root: string, paths: readonly string[]): string[] {
  const entries = runGit(root, ['ls-tree', '-r', '-z', '--full-tree', 'HEAD', '--', ...paths])
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, path] = line.split('\t') as [string, string];
      const [mode, type, blob] = meta.split(' ') as [string, string, string];
      return { mode, type, blob, path };
    });
  const changed: string[] = [];
  const regular: typeof entries = [];
  for (const e of entries) {
    if (e.type !== 'blob') continue;
    const file = join(root, e.path);
    const stat = existsSync(file) || isLink(file) ? lstatSync(file) : undefined;
    if (e.mode === '120000') {
      if (!stat?.isSymbolicLink() || readlinkSync(file) !== showAtHead(root, e.path).toString('utf8'))
        changed.push(e.path);
    } else if (!stat?.isFile()) changed.push(e.path);
    else regular.push(e);
  }
  if (regular.length) {
    const hashes = runGit(root, ['hash-object', '--no-filters', '--stdin-paths'], {
      input: regular.map((e) => e.path).join('\n') + '\n',
    })
      .trim()
      .split('\n');
    regular.forEach((e, n) => hashes[n] !== e.blob && changed.push(e.path));
  }
  return changed;
}

const isLink = (file: string) => {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
};

/** Whether `commit` is reachable from `ref` (an ancestor of it, or it). */
export function isReachableFrom(root: string, commit: string, ref: string): boolean {
  try {
    runGit(root, ['merge-base', '--is-ancestor', commit, ref]);
    return true;
  } catch {
    return false;
  }
}

/** The default branch as this clone knows it: origin's HEAD, else main, else master; undefined when none exists. */
export function defaultBranch(root: string): string | undefined {
  try {
    return runGit(root, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']).trim();
  } catch {
    for (const ref of ['main', 'master', 'origin/main', 'origin/master']) if (hasCommit(root, ref)) return ref;
    return undefined;
  }
}

/** The repository's git directories (the work tree's and the shared one), absolute. */
export function gitDirs(root: string): string[] {
  return runGit(root, ['rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir']).trim().split('\n');
}

/** The repository's top-level directory, or undefined outside a git work tree. */
export function topLevel(dir: string): string | undefined {
  try {
    return runGit(dir, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    return undefined;
  }
}

/** The commit's time (committer date), or undefined when the repository does not hold it. */
export function commitTime(root: string, sha: string): string | undefined {
  if (!/^[0-9a-f]{40}$/.test(sha)) return undefined;
  try {
    return runGit(root, ['log', '-1', '--format=%cI', `${sha}^{commit}`]).trim();
  } catch {
    return undefined;
  }
}

/** Paths of the commit's files under `dir`, sorted. */
export function filesAtHead(root: string, dir: string, commit = 'HEAD'): string[] {
  return runGit(root, ['ls-tree', '-r', '--name-only', '-z', commit, '--', dir]).split('\0').filter(Boolean).sort();
}

/** A file's bytes at a commit. */
export function showAt(root: string, commit: string, path: string): Buffer {
  return runGitBytes(root, ['show', `${commit}:${path}`]);
}

export interface FileCommit {
  commit: string;
  author: string;
  committedAt: string;
  subject: string;
  /** The file's bytes at the commit (exactly: an unreadable file must stay unreadable). */
  content: Buffer | undefined;
}

/** Every commit that touched `path`, oldest first, with the file's content at that commit. */
export function fileHistory(root: string, path: string): FileCommit[] {
  const log = runGit(root, ['log', '--reverse', `--format=%H${SEP}%an${SEP}%cI${SEP}%s`, 'HEAD', '--', path]).trim();
  if (!log) return [];
  return log.split('\n').map((line) => {
    const [commit, author, committedAt, subject] = line.split(SEP) as [string, string, string, string];
    let content: Buffer | undefined;
    try {
      content = runGitBytes(root, ['show', `${commit}:${path}`]);
    } catch {
      content = undefined;
    }
    return { commit, author, committedAt, subject, content };
  });
}

export function showAtHead(root: string, path: string): Buffer {
  return runGitBytes(root, ['show', `HEAD:${path}`]);
}

/** A detached work tree of `commit` at `dir` (for re-running that commit's own code). */
export function addWorktree(root: string, dir: string, commit: string): void {
  runGit(root, ['worktree', 'add', '--detach', '--quiet', dir, commit]);
}

export function removeWorktree(root: string, dir: string): void {
  try {
    runGit(root, ['worktree', 'remove', '--force', dir]);
  } catch {
    // Already gone (or never added); prune forgets it either way.
  }
  runGit(root, ['worktree', 'prune']);
}

/** owner/name as this clone's origin URL gives it, or undefined without an origin. */
export function originName(root: string): string | undefined {
  try {
    return runGit(root, ['config', '--get', 'remote.origin.url'])
      .trim()
      .replace(/^.*[:/]([^/]+\/[^/]+?)(\.git)?\/?$/, '$1');
  } catch {
    return undefined;
  }
}
