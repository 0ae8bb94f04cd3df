/**
 * The fast lane's git side. The commit is built from the remote default
 * branch with plumbing, never from local HEAD or the working tree: read the
 * remote tip's tree, write the one new blob, `commit-tree` with the tip as
 * parent, push that commit. Local commits and uncommitted edits cannot ride
 * along, and nothing local (HEAD, index, working tree) changes before the push
 * succeeded. When the remote moved, the update is rebuilt on the new tip; no
 * rebase or merge is ever started.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../core/errors.ts';
import { gitReason, runGit } from './git-run.ts';

/** The default branch as the fast lane found it. */
export interface RemoteTip {
  commit: string;
  /** A file's text at the tip, or undefined when it does not exist there. */
  read(path: string): string | undefined;
}

/** What to push on a tip: the incident file's new text, or nothing because the tip already carries it. */
export type LanePlan = { kind: 'push'; text: string; message: string } | { kind: 'carried'; text: string };

export interface LaneResult {
  /** The pushed commit; undefined when the remote already carried the update. */
  commit?: string;
  /** The file's text on the remote after this command. */
  text: string;
  /** The tip the update was built on (the pushed commit's parent). */
  tip: string;
  /** How many tips the update was built on (1 unless the remote moved). */
  attempts: number;
}

const MAX_ATTEMPTS = 5;

/**
 * --remote and --branch reach git's command line and refspecs: a branch is a
 * plain branch name (what `git check-ref-format` accepts under refs/heads/,
 * never a refspec with ':' or an option with a leading '-'), a remote never
 * starts with '-'. Checked before git runs, so a bad value writes nothing.
 */
export function checkLaneTarget(root: string, remote: string, branch: string): void {
  if (!remote || remote.startsWith('-'))
    throw new UserError(`--remote ${JSON.stringify(remote)}: not a remote name or URL (e.g. --remote origin)`, 2);
  const plain = (() => {
    if (!branch || /^[-+]/.test(branch) || /[:\s]/.test(branch) || branch.startsWith('refs/')) return false;
    try {
      runGit(root, ['check-ref-format', `refs/heads/${branch}`]);
      return true;
    } catch {
      return false;
    }
  })();
  if (!plain)
    throw new UserError(
      `--branch ${JSON.stringify(branch)}: not a plain branch name (e.g. --branch main); no refspec (':' or a leading '+'), no leading '-', no refs/ prefix`,
      2,
    );
}

export function fetchTip(root: string, remote: string, branch: string): RemoteTip {
  try {
    runGit(root, ['fetch', '--quiet', '--no-tags', remote, `refs/heads/${branch}`]);
  } catch (err) {
    throw new UserError(
      `--push: cannot fetch ${remote}/${branch} (${gitReason(err)}); check --remote and --branch, or open a pull request instead`,
    );
  }
  const commit = runGit(root, ['rev-parse', '--verify', 'FETCH_HEAD^{commit}']).trim();
  return {
    commit,
    read(path) {
      try {
        return runGit(root, ['cat-file', 'blob', `${commit}:${path}`]);
      } catch {
        return undefined;
      }
    },
  };
}

/** A commit whose parent is `tip` and whose tree is tip's tree with `file` set to `text`: exactly one file changed. */
function commitOnTip(root: string, tip: string, file: string, text: string, message: string): string {
  const mode = runGit(root, ['ls-tree', tip, '--', file]).split(/\s/)[0] || '100644';
  const blob = runGit(root, ['hash-object', '-w', '--stdin'], { input: text }).trim();
  const dir = mkdtempSync(join(tmpdir(), 'fast-lane-index-'));
  try {
    const env = { GIT_INDEX_FILE: join(dir, 'index') };
    runGit(root, ['read-tree', tip], { env });
    runGit(root, ['update-index', '--add', '--cacheinfo', `${mode},${blob},${file}`], { env });
    const tree = runGit(root, ['write-tree'], { env }).trim();
    const commit = runGit(root, ['commit-tree', tree, '-p', tip, '-m', message]).trim();
    // Belt and braces: the commit changes exactly this one file against the tip.
    const changed = runGit(root, ['diff-tree', '--no-commit-id', '--name-only', '-r', tip, commit])
      .split('\n')
      .filter(Boolean);
    if (changed.length !== 1 || changed[0] !== file)
      throw new Error(`fast lane built a commit changing [${changed.join(', ')}], expected only ${file}`);
    return commit;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Builds the update on the remote tip and pushes it (a plain, non-forced
 * push); when the tip moved meanwhile, builds it again on the new tip.
 * `plan` sees each tip and refuses (throws a UserError) what is not a live update.
 */
export async function pushOneFile(
  root: string,
  target: { file: string; remote: string; branch: string; dryRun?: boolean },
  plan: (tip: RemoteTip) => Promise<LanePlan> | LanePlan,
): Promise<LaneResult> {
  const { file, remote, branch } = target;
  checkLaneTarget(root, remote, branch);
  let tip = fetchTip(root, remote, branch);
  for (let attempt = 1; ; attempt++) {
    const next = await plan(tip);
    if (next.kind === 'carried' || target.dryRun) return { text: next.text, tip: tip.commit, attempts: attempt };
    const commit = commitOnTip(root, tip.commit, file, next.text, next.message);
    try {
      runGit(root, ['push', '--quiet', remote, `${commit}:refs/heads/${branch}`]);
      return { commit, text: next.text, tip: tip.commit, attempts: attempt };
    } catch (err) {
      const reason = gitReason(err);
      const again = fetchTip(root, remote, branch);
      if (again.commit === tip.commit) {
        throw new UserError(
          `--push: ${remote}/${branch} refused the push (${reason}); nothing was written locally, so running the same command again is safe; if the branch is protected for you, open a pull request instead`,
        );
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw new UserError(
          `--push: ${remote}/${branch} moved ${attempt} times while pushing; nothing was written locally: run the same command again`,
        );
      }
      tip = again;
    }
  }
}

/**
 * After a successful push, bring the local copy up to date without starting a
 * merge that can stop half-way: fast-forward when the checkout sits on the
 * old tip with this file untouched, else write the file and stage it (a later
 * `git pull --ff-only` then goes through).
 */
export function syncLocal(
  root: string,
  file: string,
  oldTip: string,
  commit: string | undefined,
  write: () => void,
): 'fast-forwarded' | 'written' {
  const head = (() => {
    try {
      return runGit(root, ['rev-parse', '--verify', '--quiet', 'HEAD']).trim();
    } catch {
      return '';
    }
  })();
  if (commit && head === oldTip) {
    try {
      runGit(root, ['diff', '--quiet', 'HEAD', '--', file]);
      runGit(root, ['merge', '--ff-only', '--quiet', commit]);
      return 'fast-forwarded';
    } catch {
      // The file has local changes or the merge was refused: fall through to writing it.
    }
  }
  write();
  try {
    runGit(root, ['add', '--', file]);
  } catch {
    // Staging only helps a later pull; the file itself holds the pushed text.
  }
  return 'written';
}
