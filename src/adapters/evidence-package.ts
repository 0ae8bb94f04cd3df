/** An evidence package on disk: reading one, and re-running the export of its commit to compare with it. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import type { Manifest } from '../core/audit/verify.ts';
import { UserError } from '../core/errors.ts';
import { addWorktree, removeWorktree } from './git-history.ts';

/** Every file of a package folder, by package path (forward slashes). */
export function readPackage(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else files.set(relative(dir, p).split(sep).join('/'), readFileSync(p));
    }
  };
  walk(dir);
  return files;
}

/** Exports the named commit again, in a temporary work tree with that commit's own exporter, and compares byte for byte. */
export function rerunExport(root: string, dir: string, manifest: Manifest, files: ReadonlyMap<string, Buffer>, env: NodeJS.ProcessEnv): string[] {
  const query = manifest.query as { from: string; to: string; format: string };
  const work = mkdtempSync(join(tmpdir(), 'audit-rerun-'));
  const tree = join(work, 'tree');
  const again = join(work, 'package');
  try {
    addWorktree(root, tree, String(manifest.commit));
    // The dependencies installed in this clone; the commit's lock file pins what they should be.
    if (!existsSync(join(root, 'node_modules'))) throw new UserError('verify --rerun runs the commit\'s exporter with this clone\'s dependencies: run npm ci first', 2);
    symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'), 'dir');
    const r = spawnSync(process.execPath, [join(tree, 'scripts/audit.ts'), '--from', query.from, '--to', query.to, '--format', query.format, '--out', again], { cwd: tree, encoding: 'utf8', env });
    if (r.status !== 0) return [`rerun: the exporter at ${String(manifest.commit).slice(0, 12)} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n')[0]}`];
    const fresh = readPackage(again);
    const mine = new Map(files).set('manifest.json', readFileSync(join(dir, 'manifest.json')));
    const problems: string[] = [];
    for (const path of [...new Set([...fresh.keys(), ...mine.keys()])].sort()) {
      const a = mine.get(path);
      const b = fresh.get(path);
      if (!a) problems.push(`rerun: ${path} is produced by the commit but missing from the package`);
      else if (!b) problems.push(`rerun: ${path} is in the package but the commit does not produce it`);
      else if (!a.equals(b)) problems.push(`rerun: ${path} differs from the one the commit produces`);
    }
    return problems;
  } finally {
    removeWorktree(root, tree);
    rmSync(work, { recursive: true, force: true });
  }
}
