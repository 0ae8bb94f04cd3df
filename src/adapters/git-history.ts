/** Git facts for the audit export: the commit exported, and each incident file's history up to it. */
import { execFileSync } from 'node:child_process';
import { UserError } from '../core/errors.ts';

const SEP = '\x1f';

function gitBytes(root: string, args: string[]): Buffer {
  return execFileSync('git', args, { cwd: root, maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
}

function git(root: string, args: string[]): string {
  return gitBytes(root, args).toString('utf8');
}

export interface CommitInfo {
  sha: string;
  committedAt: string;
}

export function headCommit(root: string): CommitInfo {
  try {
    const [sha, committedAt] = git(root, ['log', '-1', `--format=%H${SEP}%cI`]).trim().split(SEP);
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
export const EXPORT_INPUTS = ['src', 'scripts', 'config', 'incidents', 'postmortems', 'ledger', 'package.json', 'package-lock.json', 'tsconfig.json'] as const;

/** Refuses, in one line, a working tree that differs from HEAD under `paths`. */
export function assertClean(root: string, paths: readonly string[]): void {
  const dirty = git(root, ['status', '--porcelain', '--untracked-files=all', '--ignored=matching', '--', ...paths])
    .split('\n')
    .filter(Boolean)
    .map((line) => line.slice(3));
  // assume-unchanged (lower-case tag) and skip-worktree (S) hide edits from git status: refuse them too.
  const hidden = git(root, ['ls-files', '-v', '-z', '--', ...paths])
    .split('\0')
    .filter((entry) => /^([a-z]|S) /.test(entry))
    .map((entry) => entry.slice(2));
  if (hidden.length) {
    throw new UserError(`the audit exports a commit, but git is told not to look at ${hidden.slice(0, 5).join(', ')}${hidden.length > 5 ? ` and ${hidden.length - 5} more` : ''} (assume-unchanged or skip-worktree); clear it with git update-index --no-assume-unchanged --no-skip-worktree, then export again`, 2);
  }
  if (dirty.length) {
    const shown = dirty.slice(0, 5).join(', ') + (dirty.length > 5 ? ` and ${dirty.length - 5} more` : '');
    throw new UserError(`the audit exports a commit, but the working tree differs from it in ${shown}; commit, stash or remove them (git status), then export again`, 2);
  }
}

/** The repository's top-level directory, or undefined outside a git work tree. */
export function topLevel(dir: string): string | undefined {
  try {
    return git(dir, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    return undefined;
  }
}

/** The commit's time (committer date), or undefined when the repository does not hold it. */
export function commitTime(root: string, sha: string): string | undefined {
  if (!/^[0-9a-f]{40}$/.test(sha)) return undefined;
  try {
    return git(root, ['log', '-1', '--format=%cI', `${sha}^{commit}`]).trim();
  } catch {
    return undefined;
  }
}

/** Paths of the commit's files under `dir`, sorted. */
export function filesAtHead(root: string, dir: string, commit = 'HEAD'): string[] {
  return git(root, ['ls-tree', '-r', '--name-only', '-z', commit, '--', dir]).split('\0').filter(Boolean).sort();
}

/** A file's bytes at a commit. */
export function showAt(root: string, commit: string, path: string): Buffer {
  return gitBytes(root, ['show', `${commit}:${path}`]);
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
  const log = git(root, ['log', '--reverse', `--format=%H${SEP}%an${SEP}%cI${SEP}%s`, 'HEAD', '--', path]).trim();
  if (!log) return [];
  return log.split('\n').map((line) => {
    const [commit, author, committedAt, subject] = line.split(SEP) as [string, string, string, string];
    let content: Buffer | undefined;
    try {
      content = gitBytes(root, ['show', `${commit}:${path}`]);
    } catch {
      content = undefined;
    }
    return { commit, author, committedAt, subject, content };
  });
}

export function showAtHead(root: string, path: string): Buffer {
  return gitBytes(root, ['show', `HEAD:${path}`]);
}

/** A detached work tree of `commit` at `dir` (for re-running that commit's own code). */
export function addWorktree(root: string, dir: string, commit: string): void {
  git(root, ['worktree', 'add', '--detach', '--quiet', dir, commit]);
}

export function removeWorktree(root: string, dir: string): void {
  try {
    git(root, ['worktree', 'remove', '--force', dir]);
  } catch {
    // Already gone (or never added); prune forgets it either way.
  }
  git(root, ['worktree', 'prune']);
}

export function repositoryName(root: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.GITHUB_REPOSITORY) return env.GITHUB_REPOSITORY;
  try {
    return git(root, ['config', '--get', 'remote.origin.url']).trim().replace(/^.*[:/]([^/]+\/[^/]+?)(\.git)?$/, '$1');
  } catch {
    return 'local';
  }
}
