/**
 * walkTree at its boundary: a real temporary folder with what a repository's
 * data folders can hold by accident or on purpose — links (to a folder, to a
 * file, to nothing, to their own parent), hidden files, deep nesting, a file
 * where a folder is expected, a fifo and an unreadable folder.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { walkTree, type TreeEntry } from './tree-walk.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) {
    // An unreadable folder left behind would make the clean-up fail.
    try {
      chmodSync(join(root, 'incidents/locked'), 0o755);
    } catch {
      // Not every test makes one.
    }
    rmSync(root, { recursive: true, force: true });
  }
});

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tree-walk-'));
  roots.push(root);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

function walk(root: string, dir: string, visit: (e: TreeEntry) => boolean | void = () => undefined): TreeEntry[] {
  const seen: TreeEntry[] = [];
  walkTree(root, dir, (e) => {
    seen.push(e);
    return visit(e);
  });
  return seen;
}

const byPath = (entries: TreeEntry[]) => Object.fromEntries(entries.map((e) => [e.path, e.kind]));

describe('walkTree', () => {
  it('lists every entry with its repository path and kind, hidden ones included, nested folders parents first', () => {
    const root = tree({
      'incidents/2026/2026-11-20-a.md': 'a',
      'incidents/2026/.hidden.md': 'h',
      'incidents/.DS_Store': 'x',
      'incidents/2026/deep/er/still/2026-11-21-b.md': 'b',
      'outside.md': 'not walked',
    });
    const seen = walk(root, 'incidents');
    expect(byPath(seen)).toEqual({
      'incidents/2026': 'folder',
      'incidents/2026/2026-11-20-a.md': 'file',
      'incidents/2026/.hidden.md': 'file',
      'incidents/.DS_Store': 'file',
      'incidents/2026/deep': 'folder',
      'incidents/2026/deep/er': 'folder',
      'incidents/2026/deep/er/still': 'folder',
      'incidents/2026/deep/er/still/2026-11-21-b.md': 'file',
    });
    expect(seen.find((e) => e.path === 'incidents/2026/.hidden.md')?.name).toBe('.hidden.md');
    // Parents before children: every entry's folder was visited before it.
    const order = seen.map((e) => e.path);
    for (const [i, path] of order.entries()) {
      const parent = dirname(path);
      if (parent !== 'incidents') expect(order.indexOf(parent), path).toBeGreaterThanOrEqual(0);
      if (parent !== 'incidents') expect(order.indexOf(parent), path).toBeLessThan(i);
    }
  });

  it('reports links as links and never follows them: to a folder, a file, nothing, or its own parent (no loop)', () => {
    const root = tree({ 'incidents/2026/a.md': 'a', 'elsewhere/secret.md': 's', 'elsewhere/sub/more.md': 'm' });
    symlinkSync(join(root, 'elsewhere'), join(root, 'incidents/to-folder'));
    symlinkSync(join(root, 'elsewhere/secret.md'), join(root, 'incidents/2026/to-file.md'));
    symlinkSync(join(root, 'missing'), join(root, 'incidents/dangling.md'));
    symlinkSync('..', join(root, 'incidents/2026/loop'));
    const seen = walk(root, 'incidents');
    expect(byPath(seen)).toEqual({
      'incidents/2026': 'folder',
      'incidents/2026/a.md': 'file',
      'incidents/2026/to-file.md': 'link',
      'incidents/2026/loop': 'link',
      'incidents/to-folder': 'link',
      'incidents/dangling.md': 'link',
    });
    expect(seen.some((e) => e.path.includes('secret') || e.path.includes('more'))).toBe(false);
  });

  it('a missing folder, or a file where the folder is expected, is empty (no throw)', () => {
    const root = tree({ incidents: 'a file, not a folder', 'ledger/x.jsonl': '{}' });
    expect(walk(root, 'incidents')).toEqual([]);
    expect(walk(root, 'no-such-folder')).toEqual([]);
    expect(walk(root, 'ledger/x.jsonl')).toEqual([]);
  });

  it('a visitor returning false for a folder skips what is in it, and only that folder', () => {
    const root = tree({ 'incidents/skip/a.md': 'a', 'incidents/skip/deep/b.md': 'b', 'incidents/keep/c.md': 'c' });
    const seen = walk(root, 'incidents', (e) => e.name !== 'skip');
    expect(byPath(seen)).toEqual({
      'incidents/skip': 'folder',
      'incidents/keep': 'folder',
      'incidents/keep/c.md': 'file',
    });
  });

  it.runIf(process.platform !== 'win32')(
    'a fifo is "other", reported and never opened (opening one would block)',
    () => {
      const root = tree({ 'incidents/a.md': 'a' });
      execFileSync('mkfifo', [join(root, 'incidents/pipe.md')]);
      expect(byPath(walk(root, 'incidents'))).toEqual({ 'incidents/a.md': 'file', 'incidents/pipe.md': 'other' });
    },
  );

  it.runIf(process.platform !== 'win32')(
    'an unreadable folder is reported as a folder and its contents as absent; root reads it anyway',
    () => {
      const root = tree({ 'incidents/locked/inside.md': 'i', 'incidents/open/a.md': 'a' });
      chmodSync(join(root, 'incidents/locked'), 0o000);
      const seen = byPath(walk(root, 'incidents'));
      const common = { 'incidents/locked': 'folder', 'incidents/open': 'folder', 'incidents/open/a.md': 'file' };
      if (process.getuid?.() === 0) {
        // root ignores the mode: the folder's contents are listed like any other (asserted, not skipped).
        expect(seen).toEqual({ ...common, 'incidents/locked/inside.md': 'file' });
      } else {
        expect(seen).toEqual(common);
      }
    },
  );
});
