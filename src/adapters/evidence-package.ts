/** An evidence package on disk: reading one, and re-running the export of its commit to compare with it. */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import type { Manifest } from '../core/audit/verify.ts';
import { UserError } from '../core/errors.ts';
import { addWorktree, originName, removeWorktree } from './git-history.ts';

export interface PackageFolder {
  /** Every regular file, by package path (forward slashes). */
  files: Map<string, Buffer>;
  /** Entries that are not regular files or folders (symbolic links, sockets…): never followed, never read. */
  strange: string[];
}

/** Every file of a package folder, by package path; links are listed, not followed (a package holds its own bytes). */
export function readPackage(dir: string): PackageFolder {
  const files = new Map<string, Buffer>();
  const strange: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      const path = relative(dir, p).split(sep).join('/');
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) files.set(path, readFileSync(p));
      else strange.push(path);
    }
  };
  walk(dir);
  return { files, strange: strange.sort() };
}

/**
 * A folder a package may not be written to: which folder and why. It names
 * no flag (the adapter does not know which one gave the folder; the script
 * words it); still a UserError, so an unworded one is one line, exit 2.
 */
export class PackageFolderError extends UserError {
  readonly folder: string;
  readonly problem: string;
  constructor(folder: string, problem: string) {
    super(`${folder} ${problem}`, 2);
    this.name = 'PackageFolderError';
    this.folder = folder;
    this.problem = problem;
  }
}

/**
 * Makes sure writing a package to `out` deletes nothing but an earlier
 * package: `out` is absent, an empty folder, or a folder holding exactly the
 * files its manifest lists (and the manifest). Anything else is refused.
 */
export function assertReplaceable(out: string): void {
  let stat;
  try {
    stat = lstatSync(out);
  } catch {
    return;
  }
  const refuse = (why: string) => {
    throw new PackageFolderError(
      out,
      `${why}; choose an absent or empty folder, or an earlier evidence package to replace`,
    );
  };
  if (stat.isSymbolicLink()) refuse('is a symbolic link');
  if (!stat.isDirectory()) refuse('is a file, not a folder');
  if (!readdirSync(out).length) return;
  // Names only, stopping at the first stranger: a wrong --out (a home folder) is refused without reading it.
  let listed: Set<string>;
  try {
    if (!lstatSync(join(out, 'manifest.json')).isFile()) throw new Error('not a file');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { files?: unknown };
    if (!manifest.files || typeof manifest.files !== 'object') throw new Error('no file list');
    listed = new Set([...Object.keys(manifest.files), 'manifest.json']);
  } catch {
    return refuse('is not empty and holds no earlier evidence package (no manifest.json listing its files)');
  }
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const path = relative(out, join(d, e.name)).split(sep).join('/');
      if (e.isDirectory()) walk(join(d, e.name));
      else if (!e.isFile()) refuse(`holds ${path}, which is not a regular file`);
      else if (!listed.has(path))
        refuse(`holds ${path}, which its manifest does not list: it is not only an earlier package`);
    }
  };
  walk(out);
}

/** Replaces `out` (checked by assertReplaceable) with the package's files. */
export function writePackage(out: string, files: ReadonlyMap<string, string | Uint8Array>): void {
  rmSync(out, { recursive: true, force: true });
  for (const [path, content] of files) {
    mkdirSync(dirname(join(out, path)), { recursive: true });
    writeFileSync(join(out, path), content);
  }
}

/** The environment the commit's exporter re-runs in: nothing that loads code into it or changes npm's behaviour. */
export function sanitizedEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(env).filter(([k]) => !/^(NODE_OPTIONS|NODE_PATH|NODE_REPL_EXTERNAL_MODULE|npm_config_.*)$/i.test(k)),
  );
}

/** Exports the named commit again, in a temporary work tree with that commit's own exporter, and compares byte for byte. */
export function rerunExport(
  root: string,
  dir: string,
  manifest: Manifest,
  files: ReadonlyMap<string, Buffer>,
  env: NodeJS.ProcessEnv,
): string[] {
  const query = manifest.query as { from: string; to: string; format: string };
  const work = mkdtempSync(join(tmpdir(), 'audit-rerun-'));
  const tree = join(work, 'tree');
  const again = join(work, 'package');
  try {
    addWorktree(root, tree, String(manifest.commit));
    // The dependencies installed in this clone; the commit's lock file pins what they should be.
    if (!existsSync(join(root, 'node_modules')))
      throw new UserError(
        "verify --rerun runs the commit's exporter with this clone's dependencies: run npm ci first",
        2,
      );
    symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'), 'dir');
    // The repository's name as the package recorded it: this clone's origin may name it differently (a mirror, ssh or https).
    // (Passed only when needed, so a commit whose exporter predates --repository still re-runs.)
    const clean = sanitizedEnv(env);
    const named =
      (clean.GITHUB_REPOSITORY || originName(root) || 'local') === manifest.repository
        ? []
        : ['--repository', String(manifest.repository)];
    const r = spawnSync(
      process.execPath,
      [
        join(tree, 'scripts/audit.ts'),
        '--from',
        query.from,
        '--to',
        query.to,
        '--format',
        query.format,
        '--out',
        again,
        ...named,
      ],
      { cwd: tree, encoding: 'utf8', env: clean },
    );
    if (r.status !== 0)
      return [
        `rerun: the exporter at ${String(manifest.commit).slice(0, 12)} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().split('\n')[0]}`,
      ];
    const fresh = readPackage(again).files;
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
