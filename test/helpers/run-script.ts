/** Runs an npm-script entry point as a real child process on the pinned Node. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../builders.ts';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runScript(script: string, args: string[], options: { cwd: string; env?: Record<string, string>; input?: string }): RunResult {
  const r = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', script), ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    input: options.input,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...options.env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
