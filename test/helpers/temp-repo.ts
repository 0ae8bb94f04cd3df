/** Real temporary git repositories with fixed commit dates, for lifecycle and CLI tests. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runGit } from '../../src/adapters/git-run.ts';
import { REPO_ROOT } from '../builders.ts';

export interface TempRepo {
  dir: string;
  write(path: string, content: string | Uint8Array): void;
  remove(path: string): void;
  git(...args: string[]): string;
  commit(message: string, date?: string): string;
  cleanup(): void;
}

export function createTempRepo(): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), 'status-portal-test-'));
  mkdirSync(join(dir, 'config'));
  cpSync(join(REPO_ROOT, 'config/catalog.yaml'), join(dir, 'config/catalog.yaml'));
  // The project's one git runner (argument arrays, no shell), with a fixed test identity.
  const env = {
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@invalid',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@invalid',
  };
  const git = (...args: string[]) => runGit(dir, args, { env });
  git('init', '-q', '-b', 'main');
  git('config', 'commit.gpgsign', 'false');
  return {
    dir,
    git,
    write(path, content) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    },
    remove(path) {
      rmSync(join(dir, path));
    },
    commit(message, date = '2026-11-20T12:00:00+09:00') {
      git('add', '-A');
      runGit(dir, ['commit', '-q', '--allow-empty', '-m', message], {
        env: { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
      });
      return git('rev-parse', 'HEAD').trim();
    },
    cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
