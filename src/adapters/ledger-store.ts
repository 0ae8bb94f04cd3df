/**
 * The ledger in git: ledger/<YYYY>/<run>.jsonl, one new file per run that did
 * something. Files are never modified, so two runs never conflict and the
 * history is append-only by construction. Each entry is written (fsync'd)
 * right after its side effect was accepted; the run commits and pushes at the
 * end, retrying on a push race.
 */
import { appendFileSync, closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  formatLedgerLine,
  isLedgerPath,
  parseLedger,
  type LedgerEntry,
  type LedgerProblem,
} from '../core/ledger/ledger.ts';
import type { LedgerPort } from '../core/engine/ports.ts';
import { walkTree } from './tree-walk.ts';
import { UserError } from '../core/errors.ts';
import { runGit } from './git-run.ts';

export const LEDGER_DIR = 'ledger';

/** What the ledger files say: their entries, and every line that is not one (named by file and line). */
export interface LedgerReading {
  entries: LedgerEntry[];
  problems: (LedgerProblem & { path: string })[];
}

/**
 * The one reader of the ledger (engine, check, audit, verify-live, site): a torn last line
 * (a crash inside a write) is skipped and listed; so is any other bad line, which the caller
 * decides about (the engine reports it and goes on, `strictLedger` makes it an error).
 */
export function readLedger(root: string, about?: LedgerSubset): LedgerReading {
  const dir = join(root, LEDGER_DIR);
  let years: string[];
  try {
    years = readdirSync(dir)
      .filter((y) => /^\d{4}$/.test(y))
      .sort();
  } catch {
    return { entries: [], problems: [] };
  }
  const files: { path: string; text: string }[] = [];
  for (const year of years) {
    for (const file of readdirSync(join(dir, year))
      .filter((f) => f.endsWith('.jsonl'))
      .sort()) {
      files.push({ path: `${LEDGER_DIR}/${year}/${file}`, text: readFileSync(join(dir, year, file), 'utf8') });
    }
  }
  return parseLedgerFiles(files, about && linesAbout(about));
}

/**
 * Only some incidents' entries: what a PR check needs for the files it
 * re-checks. Every rule about an incident reads entries whose key starts with
 * its id or whose `incident` is its id, so a line that does not contain one of
 * the ids as written, nor an escape (which could spell one), is skipped
 * unparsed; every other line is parsed and judged as usual. Files in `whole`
 * (added since the base) are parsed entirely.
 */
export interface LedgerSubset {
  incidents: readonly string[];
  whole?: ReadonlySet<string>;
}

/** Past this many ids the substring test costs more than parsing every line. */
const SUBSET_LIMIT = 32;

function linesAbout({
  incidents,
  whole,
}: LedgerSubset): ((path: string) => ((line: string) => boolean) | undefined) | undefined {
  if (incidents.length > SUBSET_LIMIT) return undefined;
  const wanted = (line: string) => line.includes('\\') || incidents.some((id) => line.includes(id));
  return (path) => (whole?.has(path) ? undefined : wanted);
}

/** The entries of the ledger for readers that must not go on past a damaged line: torn last lines are skipped, anything else is a UserError naming file and line. */
export function readLedgerEntries(root: string, about?: LedgerSubset): LedgerEntry[] {
  return strictLedger(readLedger(root, about));
}

/**
 * Everything under ledger/ that the SLA engine does not read (a .json, a
 * .jsonl.bak, a file outside a year folder, a link): INC131, since a fact
 * written there is silently lost. Hidden files (.gitkeep) are allowed.
 */
export function surveyLedgerTree(root: string): { file: string; code: 'INC131'; message: string }[] {
  const strays: { file: string; code: 'INC131'; message: string }[] = [];
  // Every file is named by its own path (folders are walked), so a stray added since the base matches its INC096.
  walkTree(root, LEDGER_DIR, ({ path, name, kind }) => {
    if (kind === 'folder' || (kind === 'file' && (name.startsWith('.') || isLedgerPath(path)))) return;
    strays.push({
      file: path,
      code: 'INC131',
      message: `${path} is not read as a ledger file (${kind === 'link' ? 'a symbolic link' : kind === 'file' ? 'not ledger/<YYYY>/<run>.jsonl' : 'not a regular file'}); the SLA engine reads only ledger/<YYYY>/<run>.jsonl`,
    });
  });
  return strays.sort((a, b) => a.file.localeCompare(b.file));
}

export { isLedgerPath } from '../core/ledger/ledger.ts';

/** Ledger files (in path order) to entries and the lines that are not entries. */
export function parseLedgerFiles(
  files: readonly { path: string; text: string }[],
  wanted?: (path: string) => ((line: string) => boolean) | undefined,
): LedgerReading {
  const reading: LedgerReading = { entries: [], problems: [] };
  for (const { path, text } of files) {
    const { entries, problems } = parseLedger(text, wanted?.(path));
    reading.entries.push(...entries);
    reading.problems.push(...problems.map((p) => ({ ...p, path })));
  }
  return reading;
}

/** A ledger problem as people read it: `ledger/2026/x.jsonl:3: not valid JSON`. */
export const formatLedgerProblem = (p: LedgerReading['problems'][number]) => `${p.path}:${p.line}: ${p.message}`;

/** Entries, with torn last lines skipped; the first other bad line is a UserError (file:line, what right looks like). */
export function strictLedger(
  reading: LedgerReading,
  warn: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): LedgerEntry[] {
  for (const torn of reading.problems.filter((p) => p.torn)) warn(`warning: ${formatLedgerProblem(torn)}`);
  const bad = reading.problems.find((p) => !p.torn);
  if (bad)
    throw new UserError(
      `${formatLedgerProblem(bad)} (ledger files are written by the SLA engine only, one JSON entry per line; restore the file as it was committed: see README, "The SLA engine")`,
    );
  return reading.entries;
}

/** A ledger file for this run; created on the first append only. */
export function runLedger(
  root: string,
  runId: string,
  startedAt: Date,
): LedgerPort & { file: string; count: () => number } {
  const year = String(startedAt.getUTCFullYear());
  const name = `${startedAt.toISOString().replace(/[:.]/g, '-')}-${runId}.jsonl`;
  const rel = `${LEDGER_DIR}/${year}/${name}`;
  let count = 0;
  return {
    file: rel,
    count: () => count,
    async append(entry) {
      mkdirSync(join(root, LEDGER_DIR, year), { recursive: true });
      appendFileSync(join(root, rel), formatLedgerLine(entry));
      const fd = openSync(join(root, rel), 'r');
      fsyncSync(fd);
      closeSync(fd);
      count++;
    },
  };
}

/** Commits the run's ledger file(s) and pushes, rebasing onto a concurrent push up to `attempts` times. */
export function commitAndPushLedger(
  root: string,
  file: string | readonly string[],
  message: string,
  attempts = 3,
): void {
  const files = typeof file === 'string' ? [file] : [...file];
  const git = (...args: string[]) => runGit(root, args);
  git('add', '--', ...files);
  git('commit', '-m', message, '--', ...files);
  for (let n = 1; ; n++) {
    try {
      git('push', 'origin', 'HEAD');
      return;
    } catch (err) {
      if (n >= attempts) throw err;
      git('pull', '--rebase', 'origin', git('rev-parse', '--abbrev-ref', 'HEAD').trim());
    }
  }
}

/**
 * Ledger files written but not committed: a run killed before its own commit
 * (a step timeout, a cancellation) leaves them; the workflow commits them in
 * an always-run step, so what was accepted is not forgotten.
 */
export function pendingLedgerFiles(root: string): string[] {
  const out = runGit(root, ['status', '--porcelain', '--untracked-files=all', '--', LEDGER_DIR]);
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => l.slice(3))
    .filter((f) => f.endsWith('.jsonl'));
}
