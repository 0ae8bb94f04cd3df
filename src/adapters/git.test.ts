/**
 * The git adapter at its boundary: real temporary repositories with fixed
 * dates. Only the exported functions are used (the runner underneath is
 * being unified elsewhere).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTempRepo, type TempRepo } from '../../test/helpers/temp-repo.ts';
import { UserError } from '../core/errors.ts';
import { hasCommit } from './git-run.ts';
import {
  changedIncidentFiles,
  changedPaths,
  droppedByPush,
  mergeBase,
  pushedCommits,
  readAt,
  readAtIfAny,
  readBaseSnapshot,
  touchedFiles,
  verifyRef,
} from './git.ts';

const A = 'incidents/2026/2026-11-20-kcps-a.md';
const B = 'incidents/2026/2026-11-21-kbi-b.md';
const ZERO = '0'.repeat(40);
const repos: TempRepo[] = [];
afterEach(() => {
  for (const r of repos.splice(0)) r.cleanup();
});
function repo(): TempRepo {
  const r = createTempRepo();
  repos.push(r);
  return r;
}
const userError = (f: () => unknown): UserError => {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return err as UserError;
  }
  throw new Error('expected a UserError');
};

describe('refs', () => {
  it('verifyRef turns a branch into its commit; an unknown ref or a flag-like one is a one-line usage error', () => {
    const r = repo();
    r.write(A, 'a');
    const c1 = r.commit('one');
    expect(verifyRef(r.dir, 'main')).toBe(c1);
    expect(verifyRef(r.dir, c1)).toBe(c1);
    for (const ref of ['origin/nope', '--output=x.txt', 'HEAD~5']) {
      const err = userError(() => verifyRef(r.dir, ref));
      expect(err.exitCode).toBe(2);
      expect(err).toMatchObject({
        ref,
        problem: 'not a commit in this repository (in a pull request, fetch the base first: git fetch origin <branch>)',
      });
      expect(err.message).toBe(
        `${ref}: not a commit in this repository (in a pull request, fetch the base first: git fetch origin <branch>)`,
      );
    }
    expect(hasCommit(r.dir, 'nope')).toBe(false);
    expect(hasCommit(r.dir, c1)).toBe(true);
  });

  it('outside any repository, git fails and that is the same one-line error, not a stack trace', () => {
    const dir = mkdtempSync(join(tmpdir(), 'not-a-repo-'));
    expect(userError(() => verifyRef(dir, 'main')).message).toMatch(/^main: not a commit in this repository/);
    expect(hasCommit(dir, 'main')).toBe(false);
  });

  it('mergeBase: the fork point, and unrelated history is named', () => {
    const r = repo();
    r.write(A, 'a');
    const fork = r.commit('one');
    r.git('checkout', '-q', '-b', 'topic');
    r.write(B, 'b');
    r.commit('two');
    r.git('checkout', '-q', 'main');
    r.write(A, 'a2');
    r.commit('three');
    r.git('checkout', '-q', 'topic');
    expect(mergeBase(r.dir, 'main')).toBe(fork);
    r.git('checkout', '-q', '--orphan', 'alone');
    r.commit('orphan');
    expect(userError(() => mergeBase(r.dir, 'main')).message).toBe(
      'main: shares no history with HEAD (in a shallow clone, fetch more history: git fetch --unshallow)',
    );
  });
});

describe('what a branch changed (readBaseSnapshot, touchedFiles)', () => {
  it('modified, renamed, deleted and untracked incidents, postmortems, catalog and ledger changes', () => {
    const r = repo();
    r.write(A, 'a at base');
    r.write(B, 'b at base');
    r.write('incidents/2026/2026-11-19-kcps-gone.md', 'gone');
    r.write('postmortems/2026-11-20-kcps-a.md', '# pm at base');
    r.write('ledger/2026/run-1.jsonl', '{"key":"k"}\n');
    r.commit('base');
    r.git('checkout', '-q', '-b', 'topic');
    r.write(A, 'a changed');
    r.git('mv', B, 'incidents/2026/2026-11-21-kbi-renamed.md');
    r.remove('incidents/2026/2026-11-19-kcps-gone.md');
    r.write('postmortems/2026-11-20-kcps-a.md', '# pm changed');
    r.write('ledger/2026/run-1.jsonl', '{"key":"edited"}\n');
    r.write('ledger/2026/run-2.jsonl', '{"key":"new"}\n');
    r.write('config/catalog.yaml', `${readFileSync(join(r.dir, 'config/catalog.yaml'), 'utf8')}\n# touched\n`);
    r.commit('topic work');
    r.write('incidents/2026/2026-11-22-kcps-untracked.md', 'not yet added');
    const snap = readBaseSnapshot(r.dir, 'main');
    expect(snap.files.get(A)?.toString()).toBe('a at base');
    expect(snap.files.get('incidents/2026/2026-11-21-kbi-renamed.md')?.toString()).toBe('b at base');
    expect(snap.deleted).toEqual(['incidents/2026/2026-11-19-kcps-gone.md']);
    expect(snap.renamed).toEqual([{ from: B, to: 'incidents/2026/2026-11-21-kbi-renamed.md' }]);
    expect([...(snap.changed ?? [])].sort()).toEqual([
      A,
      'incidents/2026/2026-11-21-kbi-renamed.md',
      'incidents/2026/2026-11-22-kcps-untracked.md',
    ]);
    expect(snap.documentsChanged).toEqual(['postmortems/2026-11-20-kcps-a.md']);
    expect(snap.documents?.get('postmortems/2026-11-20-kcps-a.md')?.toString()).toBe('# pm at base');
    expect(snap.checkerChanged).toEqual(['config/catalog.yaml']);
    expect(snap.ledgerChanged).toEqual([{ file: 'ledger/2026/run-1.jsonl', change: 'modified' }]);
    expect(snap.ledgerAdded).toEqual([{ file: 'ledger/2026/run-2.jsonl', text: '{"key":"new"}\n' }]);
    expect(touchedFiles(r.dir, 'main').sort()).toEqual([
      A,
      'incidents/2026/2026-11-21-kbi-renamed.md',
      'postmortems/2026-11-20-kcps-a.md',
    ]);
  });
});

describe('what a push changed', () => {
  it('changedIncidentFiles / changedPaths / pushedCommits over a range, and for a new branch (before = 000…)', () => {
    const r = repo();
    r.write(A, 'a');
    r.write('README.md', 'r');
    const c1 = r.commit('one');
    r.write(A, 'a2');
    r.write(B, 'b');
    r.remove('README.md');
    const c2 = r.commit('two');
    r.write('src/x.ts', 'x');
    const c3 = r.commit('three');
    expect(changedIncidentFiles(r.dir, c1, c3).sort()).toEqual([B, A].sort());
    expect(changedIncidentFiles(r.dir, ZERO, c1)).toEqual([A]);
    expect(changedPaths(r.dir, c1, c3).sort((x, y) => (x.path < y.path ? -1 : 1))).toEqual([
      { path: 'README.md', change: 'deleted' },
      { path: A, change: 'modified' },
      { path: B, change: 'added' },
      { path: 'src/x.ts', change: 'added' },
    ]);
    expect(changedPaths(r.dir, ZERO, c1).map((c) => c.change)).toEqual(['added', 'added', 'added']); // the catalog, README, A
    expect(pushedCommits(r.dir, c1, c3)).toEqual([
      { commit: c2, parent: c1 },
      { commit: c3, parent: c2 },
    ]);
    expect(pushedCommits(r.dir, ZERO, c1)).toEqual([{ commit: c1, parent: ZERO }]);
    expect(droppedByPush(r.dir, c1, c3)).toBeUndefined();
    expect(droppedByPush(r.dir, ZERO, c3)).toBeUndefined();
  });

  it('a path with spaces and Japanese characters is reported as it is, not as git quotes it', () => {
    const r = repo();
    const c1 = r.commit('empty');
    const odd = 'incidents/2026/2026-11-20 障害 "quoted".md';
    r.write(odd, 'x');
    const c2 = r.commit('odd name');
    expect(changedPaths(r.dir, c1, c2).map((c) => c.path)).toContain(odd);
    expect(changedIncidentFiles(r.dir, c1, c2)).toEqual([odd]);
    expect(changedIncidentFiles(r.dir, ZERO, c2)).toEqual([odd]);
    r.git('checkout', '-q', '-b', 'topic', c1);
    r.write(odd, 'y');
    r.commit('odd on a branch');
    expect(touchedFiles(r.dir, 'main')).toEqual([odd]);
  });

  it('a force push: the dropped commits are counted and their paths named', () => {
    const r = repo();
    r.write(A, 'a');
    const c1 = r.commit('one');
    r.write(B, 'b');
    r.commit('two');
    r.write('src/y.ts', 'y');
    const lost = r.commit('three');
    r.git('reset', '-q', '--hard', c1);
    r.write('src/z.ts', 'z');
    const rewritten = r.commit('rewritten');
    expect(droppedByPush(r.dir, lost, rewritten)).toEqual({ commits: 2, paths: [B, 'src/y.ts'] });
  });

  it('readAt / readAtIfAny: exact bytes (non-UTF-8 too); absent path, zero id: undefined; unknown commit: usage error', () => {
    const r = repo();
    const bytes = Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0xfe, 0x00, 0x0a]);
    r.write(A, bytes);
    const c1 = r.commit('binary');
    expect(readAt(r.dir, c1, A).equals(bytes)).toBe(true);
    expect(readAtIfAny(r.dir, c1, B)).toBeUndefined();
    expect(readAtIfAny(r.dir, ZERO, A)).toBeUndefined();
    expect(() => readAt(r.dir, c1, B)).toThrow();
    expect(userError(() => readAtIfAny(r.dir, 'f'.repeat(40), A)).exitCode).toBe(2);
  });

  it('a large file (20 MB) is read whole', () => {
    const r = repo();
    const big = Buffer.alloc(20 * 1024 * 1024, 0x61);
    r.write(A, big);
    const c1 = r.commit('big');
    expect(readAt(r.dir, c1, A).length).toBe(big.length);
  });
});
