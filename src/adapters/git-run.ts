/**
 * The one way this project runs git: `git` itself with an argument array
 * (never a shell, so spaces, quotes and newlines in an argument reach git
 * as they are), in a given repository, output collected whole. A non-zero
 * exit throws the child-process error, which carries `status` and `stderr`;
 * callers that expect failure (a ref that may not exist) catch it.
 */
import { execFileSync } from 'node:child_process';

export interface GitOptions {
  /** Written to git's stdin (e.g. `hash-object --stdin`); without it stdin is closed. */
  input?: string | Buffer;
  /** Added to this process's environment (e.g. GIT_INDEX_FILE for a private index). */
  env?: NodeJS.ProcessEnv;
}

/** Output larger than this fails rather than being cut: a whole repository's `ls-tree` or `log` fits many times over. */
export const GIT_MAX_OUTPUT_BYTES = 512 * 1024 * 1024;

/** git's stdout as bytes (file contents, -z lists with any path). */
export function runGitBytes(root: string, args: readonly string[], options: GitOptions = {}): Buffer {
  return execFileSync('git', args, {
    cwd: root,
    input: options.input,
    env: options.env ? { ...process.env, ...options.env } : process.env,
    maxBuffer: GIT_MAX_OUTPUT_BYTES,
    stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
}

/** git's stdout as UTF-8 text. */
export function runGit(root: string, args: readonly string[], options: GitOptions = {}): string {
  return runGitBytes(root, args, options).toString('utf8');
}

/** The most telling line of a failed git's stderr, for a one-line message. */
export function gitReason(err: unknown): string {
  const stderr = String((err as { stderr?: Buffer | string }).stderr ?? (err as Error).message ?? '');
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (
    lines.find((l) => /rejected|denied|protected|error:|fatal:|remote:/i.test(l)) ??
    lines[0] ??
    'unknown error'
  ).replace(/^(error|fatal): /, '');
}

/** Whether `ref` names a commit this repository has (a force push can leave the old tip unknown; a branch flag may name none). */
export function hasCommit(root: string, ref: string): boolean {
  try {
    runGitBytes(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
    return true;
  } catch {
    return false;
  }
}
