/**
 * Runs an npm-script entry point as a real child process on the pinned Node,
 * through script-entry.ts: its main gets the test switches (GitHub impatient,
 * no waiting), the only way tests change how adapters wait.
 */
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../builders.ts';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runScript(
  script: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string>; input?: string },
): RunResult {
  const r = spawnSync(process.execPath, scriptEntry(script, args), {
    cwd: options.cwd,
    encoding: 'utf8',
    input: options.input,
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...options.env },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Like runScript, without blocking this process: needed when the script talks to a fake server running here. */
export function runScriptAsync(
  script: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, scriptEntry(script, args), {
      cwd: options.cwd,
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** The arguments that run `script` (a name under scripts/, or an absolute path into a copied checkout) with the test switches. */
export function scriptEntry(script: string, args: readonly string[]): string[] {
  return [join(REPO_ROOT, 'test/helpers/script-entry.ts'), script, ...args];
}
