/** Reads the base version of incident files with git, for the lifecycle rules. */
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BaseSnapshot } from '../core/check/check-incidents.ts';
import { UserError } from '../core/errors.ts';
import { INCIDENTS_DIR, isIncidentPath } from '../core/incident/paths.ts';
import { CHECK_INPUTS } from '../core/check/pr-scope.ts';
import { runGit, runGitBytes } from './git-run.ts';

/**
 * A ref git cannot use: which ref and what is wrong, without naming a flag
 * (the adapter does not know which one the user gave; the script words it,
 * see namingRefs). Still a UserError, so an unworded one is one line, exit 2.
 */
export class RefError extends UserError {
  readonly ref: string;
  readonly problem: string;
  constructor(ref: string, problem: string) {
    super(`${ref}: ${problem}`, 2);
    this.name = 'RefError';
    this.ref = ref;
    this.problem = problem;
  }
}

/** Full commit ids already verified, per repository: an id names the same commit forever (a recheck asks thousands of times). */
const verified = new Map<string, Set<string>>();

export function verifyRef(root: string, ref: string): string {
  if (verified.get(root)?.has(ref)) return ref;
  try {
    const commit = runGit(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).trim();
    if (commit === ref) verified.set(root, (verified.get(root) ?? new Set()).add(ref));
    return commit;
  } catch {
    throw new RefError(
      ref,
      'not a commit in this repository (in a pull request, fetch the base first: git fetch origin <branch>)',
    );
  }
}

/**
 * The commit a branch was cut from: the merge-base of `ref` and HEAD, as
 * GitHub's pull-request diff uses. Comparing with the tip of `ref` instead
 * would count everything merged there since (the fast lane pushes there all
 * the time) as deleted or rewritten on the branch.
 */
export function mergeBase(root: string, ref: string): string {
  const commit = verifyRef(root, ref);
  try {
    return runGit(root, ['merge-base', commit, 'HEAD']).trim();
  } catch {
    throw new RefError(
      ref,
      'shares no history with HEAD (in a shallow clone, fetch more history: git fetch --unshallow)',
    );
  }
}

/**
 * What changed since the merge-base of `ref` and HEAD, up to the working
 * tree: base contents of modified and renamed incident files, the deleted
 * and renamed paths, the ledger and postmortem changes, and whether anything
 * that judges every file (the catalog, the checker's code) changed. One diff
 * over every area answers the common pull request; renames are looked for
 * (per area, as before) only when the diff deleted something there.
 */
export function readBaseSnapshot(root: string, ref: string): BaseSnapshot {
  const commit = mergeBase(root, ref);
  const changes = pairs(
    runGitBytes(root, [
      'diff',
      '--name-status',
      '-z',
      '--no-renames',
      commit,
      '--',
      `${INCIDENTS_DIR}/`,
      `${POSTMORTEMS}/`,
      `${LEDGER}/`,
      ...CHECK_INPUTS,
    ]),
  );
  // New files not yet added to git are changes too (a local check before `git add`).
  const untracked = lines(
    runGitBytes(root, [
      'ls-files',
      '--others',
      '--exclude-standard',
      '-z',
      '--',
      `${INCIDENTS_DIR}/`,
      `${POSTMORTEMS}/`,
      `${LEDGER}/`,
      ...CHECK_INPUTS,
    ]),
  );
  const under = (dir: string) => (p: string) => p.startsWith(`${dir}/`);
  const deletedAny = (test: (p: string) => boolean) => changes.some(({ status, path }) => status === 'D' && test(path));
  const incidents = deletedAny(isIncidentPath)
    ? incidentChangesWithRenames(root, commit)
    : incidentChanges(root, commit, changes);
  incidents.changed.push(...untracked.filter(isIncidentPath));
  // Every postmortem path touched (added, modified, deleted, renamed either way): its incident is re-checked.
  const documentsTouched = changes.filter(({ path }) => under(POSTMORTEMS)(path));
  const documentsChanged = [...documentsTouched.map(({ path }) => path), ...untracked.filter(under(POSTMORTEMS))];
  // Base content of documents modified or gone (a rename is its old path gone): approved ones are frozen.
  const documents = blobsAt(
    root,
    commit,
    documentsTouched.filter(({ status }) => status === 'M' || status === 'T' || status === 'D').map(({ path }) => path),
  );
  const documentIncidents = documentsChanged.length ? incidentsNaming(root, commit, documentsChanged) : [];
  const ledgerMoves = deletedAny(under(LEDGER))
    ? ledgerChangesWithRenames(root, commit)
    : changes.flatMap(({ status, path }) =>
        under(LEDGER)(path) && (status === 'M' || status === 'T') ? [{ file: path, change: 'modified' as const }] : [],
      );
  const ledgerChanged = ledgerMoves.map(({ file, change }) => ({ file, change }));
  const ledgerEdits = ledgerMoves.length ? ledgerBeforeAfter(root, commit, ledgerMoves) : [];
  const added = [
    ...new Set([
      ...changes.filter(({ status, path }) => status === 'A' && under(LEDGER)(path)).map(({ path }) => path),
      ...untracked.filter(under(LEDGER)),
    ]),
  ].sort();
  const ledgerAdded = added.map((file) => ({ file, text: readFileSync(join(root, file), 'utf8') }));
  const inputs = (p: string) => CHECK_INPUTS.some((i) => (i.endsWith('/') ? p.startsWith(i) : p === i));
  const checkerChanged = [...new Set([...changes.map(({ path }) => path), ...untracked].filter(inputs))].sort();
  return {
    ...incidents,
    ledgerChanged,
    ledgerAdded,
    ledgerEdits,
    documents,
    documentsChanged,
    documentIncidents,
    checkerChanged,
  };
}

/**
 * Incident files at the merge-base whose text may name one of `documents` as
 * postmortem.document: a superset, found by one `git grep` instead of parsing
 * every incident. Any path under postmortems/ may be named, by more than one
 * incident, so the document's file name says nothing. Searching the
 * merge-base is enough: a file unchanged since then reads the same now, and a
 * changed one is checked anyway. A scalar's text appears in the file as
 * written except where YAML folds whitespace, doubles a single quote or uses a
 * backslash escape, so each document is searched by its longest prefix
 * without whitespace or quotes, and every file with a backslash is included.
 */
function incidentsNaming(root: string, commit: string, documents: readonly string[]): string[] {
  const needles = [...new Set(documents.map((d) => /^[^\s'"\\]*/.exec(d)![0]).filter(Boolean)), '\\'];
  let out: Buffer;
  try {
    out = runGitBytes(root, [
      'grep',
      '-l',
      '-z',
      '--text',
      '--no-textconv',
      '-F',
      ...needles.flatMap((n) => ['-e', n]),
      commit,
      '--',
      `${INCIDENTS_DIR}/`,
    ]);
  } catch (err) {
    // Exit 1: no file matched; anything else is a real failure.
    if ((err as { status?: number }).status === 1) return [];
    throw err;
  }
  return lines(out)
    .map((p) => (p.startsWith(`${commit}:`) ? p.slice(commit.length + 1) : p))
    .filter(isIncidentPath);
}

/** Ledger files changed since the base, as they were and as they are (empty where absent), for the incidents their changed lines name. */
function ledgerBeforeAfter(
  root: string,
  commit: string,
  moves: readonly LedgerMove[],
): { file: string; before: string; after: string }[] {
  const before = blobsAt(
    root,
    commit,
    moves.map(({ file, from }) => from ?? file),
  );
  return moves.map(({ file, from, change }) => ({
    file,
    before: before.get(from ?? file)?.toString('utf8') ?? '',
    after: change === 'deleted' ? '' : regularFileText(join(root, file)),
  }));
}

/** A working-tree file's text, or '' when it is not a regular file (a link or folder put in its place: INC096 and INC131 say so). */
function regularFileText(path: string): string {
  try {
    return lstatSync(path).isFile() ? readFileSync(path, 'utf8') : '';
  } catch {
    return '';
  }
}

const POSTMORTEMS = 'postmortems';
const LEDGER = 'ledger';

type Change = { status: string; path: string };

/** `--name-status -z --no-renames` output as (status, path) pairs. */
function pairs(out: Buffer): Change[] {
  const fields = lines(out);
  const result: Change[] = [];
  for (let i = 0; i + 1 < fields.length; i += 2) result.push({ status: fields[i]!, path: fields[i + 1]! });
  return result;
}

type IncidentChanges = Pick<BaseSnapshot, 'files' | 'deleted' | 'renamed'> & { changed: string[] };

/** Incident changes when nothing under incidents/ was deleted (so nothing was renamed either). */
function incidentChanges(root: string, commit: string, changes: readonly Change[]): IncidentChanges {
  const mine = changes.filter(({ path }) => isIncidentPath(path));
  const files = blobsAt(
    root,
    commit,
    mine.filter(({ status }) => status === 'M' || status === 'T').map(({ path }) => path),
  );
  return { files, deleted: [], renamed: [], changed: mine.map(({ path }) => path) };
}

/** Incident changes with renames detected among incidents/ (the old path is the base of the new one). */
function incidentChangesWithRenames(root: string, commit: string): IncidentChanges {
  const out = runGitBytes(root, ['diff', '--name-status', '-z', '-M', commit, '--', `${INCIDENTS_DIR}/`]).toString(
    'utf8',
  );
  const fields = out.split('\0').filter((s) => s !== '');
  const files = new Map<string, Buffer>();
  const deleted: string[] = [];
  const renamed: { from: string; to: string }[] = [];
  const changed: string[] = [];
  for (let i = 0; i < fields.length;) {
    const status = fields[i++] ?? '';
    if (status.startsWith('R') || status.startsWith('C')) {
      const from = fields[i++] ?? '';
      const to = fields[i++] ?? '';
      if (status.startsWith('R') && isIncidentPath(from)) {
        renamed.push({ from, to });
        if (isIncidentPath(to)) files.set(to, showAt(root, commit, from));
      }
      if (isIncidentPath(to)) changed.push(to);
      continue;
    }
    const path = fields[i++] ?? '';
    if (!isIncidentPath(path)) continue;
    if (status === 'D') deleted.push(path);
    else if (status === 'M' || status === 'T') files.set(path, showAt(root, commit, path));
    if (status !== 'D') changed.push(path);
  }
  return { files, deleted, renamed, changed };
}

function lines(out: Buffer): string[] {
  return out
    .toString('utf8')
    .split('\0')
    .filter((s) => s !== '');
}

type LedgerMove = { file: string; change: 'modified' | 'deleted' | 'renamed'; from?: string };

/** Ledger files modified, renamed (with the old path) or deleted between a commit and the working tree. */
function ledgerChangesWithRenames(root: string, commit: string): LedgerMove[] {
  const fields = runGitBytes(root, ['diff', '--name-status', '-z', '-M', commit, '--', `${LEDGER}/`])
    .toString('utf8')
    .split('\0')
    .filter((s) => s !== '');
  const out: LedgerMove[] = [];
  for (let i = 0; i < fields.length;) {
    const status = fields[i++] ?? '';
    const path = fields[i++] ?? '';
    if (status.startsWith('R') || status.startsWith('C')) {
      const to = fields[i++] ?? '';
      if (status.startsWith('R')) out.push({ file: to, change: 'renamed', from: path });
      continue;
    }
    if (status === 'M' || status === 'T') out.push({ file: path, change: 'modified' });
    else if (status === 'D') out.push({ file: path, change: 'deleted' });
  }
  return out;
}

/** Files' bytes at a commit, by path, with one `git cat-file --batch` for all of them. */
function blobsAt(root: string, commit: string, paths: readonly string[]): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  if (!paths.length) return out;
  // The batch protocol is one name per line: a path with a line break is asked for on its own.
  for (const p of paths.filter((p) => p.includes('\n'))) out.set(p, showAt(root, commit, p));
  const batch = paths.filter((p) => !p.includes('\n'));
  if (!batch.length) return out;
  const raw = runGitBytes(root, ['cat-file', '--batch'], { input: batch.map((p) => `${commit}:${p}\n`).join('') });
  let at = 0;
  for (const p of batch) {
    const eol = raw.indexOf(10, at);
    const header = raw.subarray(at, eol).toString('utf8');
    const m = / blob (\d+)$/.exec(header);
    if (!m) throw new Error(`git cat-file: ${p} at ${commit}: ${header}`);
    const size = Number(m[1]);
    out.set(p, raw.subarray(eol + 1, eol + 1 + size));
    at = eol + 1 + size + 1;
  }
  return out;
}

function showAt(root: string, commit: string, path: string): Buffer {
  return runGitBytes(root, ['show', `${commit}:${path}`]);
}

const ZERO_SHA = /^0+$/;

/**
 * Incident files added or modified between two commits (a push's before and
 * after). A push that created the branch (before = 000…) counts every file.
 */
export function changedIncidentFiles(root: string, before: string, after: string): string[] {
  const to = verifyRef(root, after);
  if (ZERO_SHA.test(before)) {
    return lines(runGitBytes(root, ['ls-tree', '-r', '-z', '--name-only', to, '--', `${INCIDENTS_DIR}/`])).filter(
      isIncidentPath,
    );
  }
  const from = verifyRef(root, before);
  // -z: without it git quotes a path with spaces or non-ASCII characters ("incidents/…\346…"), and the quoted name is no incident path.
  return lines(
    runGitBytes(root, ['diff', '--name-only', '-z', '--diff-filter=AMR', from, to, '--', `${INCIDENTS_DIR}/`]),
  ).filter(isIncidentPath);
}

const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** Every path a push changed (before 000… = a new branch: everything), with how it changed. */
export function changedPaths(
  root: string,
  before: string,
  after: string,
): { path: string; from?: string; change: 'added' | 'modified' | 'deleted' | 'renamed' }[] {
  const to = verifyRef(root, after);
  const from = ZERO_SHA.test(before) ? EMPTY_TREE : verifyRef(root, before);
  const fields = runGit(root, ['diff', '--name-status', '-z', '-M', from, to])
    .split('\0')
    .filter((s) => s !== '');
  const out: { path: string; from?: string; change: 'added' | 'modified' | 'deleted' | 'renamed' }[] = [];
  for (let i = 0; i < fields.length;) {
    const status = fields[i++] ?? '';
    const path = fields[i++] ?? '';
    if (status.startsWith('R') || status.startsWith('C'))
      out.push({ path: fields[i++] ?? '', from: path, change: status.startsWith('R') ? 'renamed' : 'added' });
    else out.push({ path, change: status === 'A' ? 'added' : status === 'D' ? 'deleted' : 'modified' });
  }
  return out;
}

/**
 * Every commit a push added (no cap: a commit left out would be a commit
 * nobody judged), oldest first, each with its first parent (000… for a root
 * commit). A push that created the branch counts only its tip.
 */
export function pushedCommits(root: string, before: string, after: string): { commit: string; parent: string }[] {
  const to = verifyRef(root, after);
  const range = ZERO_SHA.test(before) ? ['-n', '1', to] : [`${verifyRef(root, before)}..${to}`];
  return runGit(root, ['rev-list', '--reverse', '--parents', ...range])
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [commit = '', parent = '0'.repeat(40)] = line.split(' ');
      return { commit, parent };
    });
}

/**
 * What a push that rewrote history dropped: the commits of `before` that
 * `after` no longer has, and the paths they had changed. Undefined for a
 * normal (fast-forward) push or a new branch.
 */
export function droppedByPush(
  root: string,
  before: string,
  after: string,
): { commits: number; paths: string[] } | undefined {
  if (ZERO_SHA.test(before)) return undefined;
  const from = verifyRef(root, before);
  const to = verifyRef(root, after);
  try {
    runGitBytes(root, ['merge-base', '--is-ancestor', from, to]);
    return undefined;
  } catch {
    // Not an ancestor (exit 1): history was rewritten.
  }
  const base = (() => {
    try {
      return runGit(root, ['merge-base', from, to]).trim();
    } catch {
      return EMPTY_TREE;
    }
  })();
  const commits = Number(runGit(root, ['rev-list', '--count', `${to}..${from}`]).trim());
  const paths = runGit(root, ['diff', '--name-only', '-z', '--no-renames', base, from]).split('\0').filter(Boolean);
  return { commits, paths };
}

/** A file's content at a commit, or undefined when it does not exist there. */
export function readAtIfAny(root: string, ref: string, path: string): Buffer | undefined {
  if (ZERO_SHA.test(ref)) return undefined;
  const commit = verifyRef(root, ref);
  try {
    return showAt(root, commit, path);
  } catch {
    return undefined;
  }
}

/** A file's content at a commit. */
export function readAt(root: string, ref: string, path: string): Buffer {
  return showAt(root, verifyRef(root, ref), path);
}

/** Incident and postmortem files added, modified or renamed since the merge-base of `ref` and HEAD. */
export function touchedFiles(root: string, ref: string): string[] {
  const commit = mergeBase(root, ref);
  return lines(
    runGitBytes(root, [
      'diff',
      '--name-only',
      '-z',
      '--diff-filter=AMR',
      commit,
      '--',
      `${INCIDENTS_DIR}/`,
      'postmortems/',
    ]),
  );
}
