import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitReason, hasCommit, runGit, runGitBytes } from './git-run.ts';

// A real temporary repository; identity and dates are fixed so hashes are stable.
let dir = '';
const env = {
  GIT_AUTHOR_NAME: 'T',
  GIT_AUTHOR_EMAIL: 't@invalid',
  GIT_COMMITTER_NAME: 'T',
  GIT_COMMITTER_EMAIL: 't@invalid',
  GIT_AUTHOR_DATE: '2026-11-20T12:00:00+09:00',
  GIT_COMMITTER_DATE: '2026-11-20T12:00:00+09:00',
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'git-run-test-'));
  runGit(dir, ['init', '-q', '-b', 'main']);
  runGit(dir, ['config', 'commit.gpgsign', 'false']);
  writeFileSync(join(dir, 'a.txt'), 'a\n');
  runGit(dir, ['add', 'a.txt']);
  runGit(dir, ['commit', '-q', '-m', 'first'], { env });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('runGit', () => {
  it("a non-zero exit throws, carrying git's exit status and stderr", () => {
    let caught: unknown;
    try {
      runGit(dir, ['show', 'HEAD:no-such-file']);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(Error);
    expect((caught as { status: number }).status).toBe(128);
    expect(String((caught as { stderr: Buffer }).stderr)).toMatch(/no-such-file/);
    expect(gitReason(caught)).toMatch(/no-such-file/);
    expect(gitReason(caught)).not.toMatch(/^fatal: /);
  });

  it('arguments reach git as they are, never through a shell: spaces, quotes, newlines, $(…), globs', () => {
    const message = `two words "quoted" 'single'\nsecond line $(touch pwned) \`touch pwned2\` ; rm -rf * && echo`;
    writeFileSync(join(dir, 'b.txt'), 'b\n');
    runGit(dir, ['add', 'b.txt']);
    runGit(dir, ['commit', '-q', '-m', message], { env });
    expect(runGit(dir, ['log', '-1', '--format=%B']).trimEnd()).toBe(message);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
    expect(existsSync(join(dir, 'pwned2'))).toBe(false);
    // A path with spaces and a newline is one argument, not several.
    const odd = 'a file\nwith newline.txt';
    writeFileSync(join(dir, odd), 'x');
    runGit(dir, ['add', '--', odd]);
    expect(runGit(dir, ['ls-files', '-z', '--', odd]).split('\0').filter(Boolean)).toEqual([odd]);
  });

  it('output far larger than the child-process default (1 MiB) comes back whole, bytes intact', () => {
    const big = Buffer.alloc(6 * 1024 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7919) % 256;
    const blob = runGit(dir, ['hash-object', '-w', '--stdin'], { input: big }).trim();
    const back = runGitBytes(dir, ['cat-file', 'blob', blob]);
    expect(back.length).toBe(big.length);
    expect(back.equals(big)).toBe(true);
  });

  it('input is written to stdin; without input stdin is closed (a command that would read it does not hang)', () => {
    // Well-known blob ids: "hello\n" and the empty blob.
    expect(runGit(dir, ['hash-object', '--stdin'], { input: 'hello\n' }).trim()).toBe(
      'ce013625030ba8dba906f756967f9e9ca394464a',
    );
    expect(runGit(dir, ['hash-object', '--stdin']).trim()).toBe('e69de29bb2d1d6434b8b29ae775ad8c2e48c5391');
  });

  it('env is added to the environment, not put in its place (a private index leaves the real one alone)', () => {
    const indexDir = mkdtempSync(join(tmpdir(), 'git-run-index-'));
    try {
      runGit(dir, ['read-tree', 'HEAD'], { env: { GIT_INDEX_FILE: join(indexDir, 'index') } });
      runGit(dir, ['rm', '-q', '--cached', 'a.txt'], { env: { GIT_INDEX_FILE: join(indexDir, 'index') } });
      expect(runGit(dir, ['ls-files'], { env: { GIT_INDEX_FILE: join(indexDir, 'index') } })).not.toContain('a.txt');
      expect(runGit(dir, ['ls-files'])).toContain('a.txt');
    } finally {
      rmSync(indexDir, { recursive: true, force: true });
    }
  });
});

describe('hasCommit', () => {
  it('is true for a commit, false for a missing ref, a blob, or a value that looks like an option', () => {
    expect(hasCommit(dir, 'HEAD')).toBe(true);
    expect(hasCommit(dir, 'main')).toBe(true);
    expect(hasCommit(dir, 'no-such-branch')).toBe(false);
    expect(hasCommit(dir, 'HEAD:a.txt')).toBe(false);
    expect(hasCommit(dir, '--output=rev-parse-out')).toBe(false);
    expect(hasCommit(dir, '0'.repeat(40))).toBe(false);
  });

  it('outside a repository: false, not a throw', () => {
    const empty = mkdtempSync(join(tmpdir(), 'git-run-none-'));
    try {
      expect(hasCommit(empty, 'HEAD')).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('gitReason', () => {
  it('picks the telling line of a push refusal, without its "error: " prefix', () => {
    const err = Object.assign(new Error('Command failed'), {
      stderr: Buffer.from(
        'To origin\n ! [remote rejected] main -> main (protected branch hook declined)\nerror: failed to push some refs\n',
      ),
    });
    expect(gitReason(err)).toBe('! [remote rejected] main -> main (protected branch hook declined)');
  });

  it('no stderr: the error message; nothing at all: "unknown error"', () => {
    expect(gitReason(new Error('spawn git ENOENT'))).toBe('spawn git ENOENT');
    expect(gitReason({ stderr: '' })).toBe('unknown error');
  });
});
