/** Git facts for the audit export: the commit exported, and each incident file's history up to it. */
import { execFileSync } from 'node:child_process';
import { UserError } from '../core/errors.ts';

const SEP = '\x1f';

function git(root: string, args: string[]): string {
  return execFileSync('git', args, { cwd: root, maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
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

/** Uncommitted changes under these paths would make the export disagree with its commit. */
export function assertClean(root: string, paths: readonly string[]): void {
  const dirty = git(root, ['status', '--porcelain', '--', ...paths]).trim();
  if (dirty) throw new UserError(`the audit exports a commit, but these files differ from it:\n${dirty}\nCommit or stash them first.`);
}

export interface FileCommit {
  commit: string;
  author: string;
  committedAt: string;
  subject: string;
  content: string | undefined;
}

/** Every commit that touched `path`, oldest first, with the file's content at that commit. */
export function fileHistory(root: string, path: string): FileCommit[] {
  const log = git(root, ['log', '--reverse', `--format=%H${SEP}%an${SEP}%cI${SEP}%s`, 'HEAD', '--', path]).trim();
  if (!log) return [];
  return log.split('\n').map((line) => {
    const [commit, author, committedAt, subject] = line.split(SEP) as [string, string, string, string];
    let content: string | undefined;
    try {
      content = git(root, ['show', `${commit}:${path}`]);
    } catch {
      content = undefined;
    }
    return { commit, author, committedAt, subject, content };
  });
}

export function showAtHead(root: string, path: string): string {
  return git(root, ['show', `HEAD:${path}`]);
}

export function repositoryName(root: string, env: NodeJS.ProcessEnv = process.env): string {
  if (env.GITHUB_REPOSITORY) return env.GITHUB_REPOSITORY;
  try {
    return git(root, ['config', '--get', 'remote.origin.url']).trim().replace(/^.*[:/]([^/]+\/[^/]+?)(\.git)?$/, '$1');
  } catch {
    return 'local';
  }
}
