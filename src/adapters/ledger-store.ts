/**
 * The ledger in git: ledger/<YYYY>/<run>.jsonl, one new file per run that did
 * something. Files are never modified, so two runs never conflict and the
 * history is append-only by construction. Each entry is written (fsync'd)
 * right after its side effect was accepted; the run commits and pushes at the
 * end, retrying on a push race.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatLedgerLine, parseLedger, type LedgerEntry } from '../core/engine/ledger.ts';
import type { LedgerPort } from '../core/engine/ports.ts';
import { UserError } from '../core/errors.ts';

export const LEDGER_DIR = 'ledger';

export function readLedgerEntries(root: string): LedgerEntry[] {
  const dir = join(root, LEDGER_DIR);
  let years: string[];
  try {
    years = readdirSync(dir).filter((y) => /^\d{4}$/.test(y)).sort();
  } catch {
    return [];
  }
  const files: { path: string; text: string }[] = [];
  for (const year of years) {
    for (const file of readdirSync(join(dir, year)).filter((f) => f.endsWith('.jsonl')).sort()) {
      files.push({ path: `${LEDGER_DIR}/${year}/${file}`, text: readFileSync(join(dir, year, file), 'utf8') });
    }
  }
  return parseLedgerFiles(files);
}

export { isLedgerPath } from '../core/engine/ledger.ts';

/** Ledger files (in path order) to entries; the first problem becomes a UserError naming file and line. */
export function parseLedgerFiles(files: readonly { path: string; text: string }[]): LedgerEntry[] {
  const entries: LedgerEntry[] = [];
  for (const { path, text } of files) {
    const { entries: found, problems } = parseLedger(text);
    if (problems.length) throw new UserError(`${path}:${problems[0]!.line}: ${problems[0]!.message}`);
    entries.push(...found);
  }
  return entries;
}

/** A ledger file for this run; created on the first append only. */
export function runLedger(root: string, runId: string, startedAt: Date): LedgerPort & { file: string; count: () => number } {
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
export function commitAndPushLedger(root: string, file: string | readonly string[], message: string, attempts = 3): void {
  const files = typeof file === 'string' ? [file] : [...file];
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
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
  const out = execFileSync('git', ['status', '--porcelain', '--untracked-files=all', '--', LEDGER_DIR], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
  return out.split('\n').filter(Boolean).map((l) => l.slice(3)).filter((f) => f.endsWith('.jsonl'));
}
