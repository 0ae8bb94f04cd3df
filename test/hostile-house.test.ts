/**
 * Issue 14, point 2 (and 8) from a user's side: every entry point answers
 * `--help` with its usage (exit 0), and a mistake on the command line (an
 * unknown flag, a flag without its value, an empty value, a typo) is one line
 * on stderr with exit 2 — never "Internal error" and a stack trace, never a
 * silent success. Each script runs as a real child process in a temporary
 * repository (only the catalog), so nothing here writes into this checkout.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTempRepo, type TempRepo } from './helpers/temp-repo.ts';
import { runScript, type RunResult } from './helpers/run-script.ts';

let repo: TempRepo;
beforeAll(() => {
  repo = createTempRepo();
  repo.commit('catalog only');
});
afterAll(() => repo.cleanup());

const run = (script: string, args: string[]): RunResult => runScript(script, args, { cwd: repo.dir });

/** A usage mistake as the guide defines it: one line, exit 2, no stack trace. */
function expectUsageError(r: RunResult): void {
  expect(r.stderr).not.toMatch(/Internal error|\n\s+at /);
  expect(r.code).toBe(2);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
}

function expectHelp(r: RunResult): void {
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^usage: npm run /);
}

const ENTRY_POINTS = [
  'check.ts',
  'sla.ts',
  'notify.ts',
  'verify-live.ts',
  'pr-review.ts',
  'recheck-push.ts',
  'alert-check-failure.ts',
  'audit.ts',
  'intake.ts',
  'incident.ts',
  'codeowners.ts',
  'lint-workflows.ts',
];

describe('every entry point has --help', () => {
  // Once: verify-live, pr-review, recheck-push printed "Internal error" + a stack trace for --help;
  // audit and intake called --help an unknown option (exit 2); codeowners rewrote .github/CODEOWNERS;
  // lint-workflows took "--help" for a folder and exited 1. All read their flags with scripts/lib/args.ts now.
  test.each(ENTRY_POINTS)('%s --help prints the usage and exits 0', (script) => {
    expectHelp(run(script, ['--help']));
  });
});

describe('an unknown flag is a one-line usage error, exit 2', () => {
  // Once: verify-live.ts, pr-review.ts, recheck-push.ts (stack trace: they called node's parseArgs
  // themselves, not scripts/lib/args.ts); codeowners.ts (ignored it, wrote, exit 0); lint-workflows.ts
  // (a folder named "--bogus", exit 1); intake.ts (two lines).
  test.each(ENTRY_POINTS)('%s --bogus is a one-line usage error, exit 2', (script) => {
    expectUsageError(run(script, ['--bogus']));
  });
});

test('pr-review --base without its value is a usage error, not a stack trace', () => {
  expectUsageError(run('pr-review.ts', ['--pr', '1', '--base']));
});

test('codeowners --chek (a typo of --check) is a usage error and does not rewrite the file', () => {
  const own = createTempRepo();
  try {
    const r = runScript('codeowners.ts', ['--chek'], { cwd: own.dir });
    // In CI a mistyped --check would otherwise never fail: it would write the expected file and exit 0.
    expect(existsSync(join(own.dir, '.github/CODEOWNERS'))).toBe(false);
    expectUsageError(r);
  } finally {
    own.cleanup();
  }
});

test('check --base "" (an unset CI variable) is a usage error, not a silent full check', () => {
  expectUsageError(run('check.ts', ['--base', '', '--now', '2026-11-27T12:00:00+09:00']));
});

test('intake serve --port -1 is a one-line usage error', () => {
  expectUsageError(run('intake.ts', ['serve', '--port', '-1']));
});

test('notify --after with a ref that is not a commit names --after, not a flag the user never gave', () => {
  const r = run('notify.ts', [
    '--before',
    'HEAD',
    '--after',
    'no-such-ref',
    '--dry-run',
    '--now',
    '2026-11-27T12:00:00+09:00',
  ]);
  // The adapter (src/adapters/git.ts) once worded the refusal as "--base no-such-ref: …" for every caller; it throws a RefError now and the script names the flag.
  expect(r.stderr).not.toMatch(/--base/);
  expect(r.stderr).toMatch(/no-such-ref/);
  expect(r.code).toBe(2);
});

test('incident new --at "" is a usage error naming --at, not an INC007 finding in a file that was never written', () => {
  const r = run('incident.ts', [
    'new',
    '--now',
    '2026-11-27T10:00:00+09:00',
    '--at',
    '',
    '--dry-run',
    '--service',
    'kcps',
    '--severity',
    'sev2',
    '--components',
    'dns',
    '--title-ja',
    '障害',
    '--title-en',
    'Outage',
    '--department',
    'network-ops',
    '--responder',
    'alice',
  ]);
  // Once: exit 1, "updates[0].at: \"\" is not an RFC 3339 datetime" (INC007) — the empty flag reached the incident.
  expect(r.stderr).toMatch(/--at/);
  expectUsageError(r);
});

test('a time flag is refused in the same words by every script (one time-flag check)', () => {
  // Once sla/CLI said "--now : expected an RFC 3339 time with offset, …" and --detected-at/--at "not a time; write RFC 3339 …".
  const now = run('sla.ts', ['--now', 'yesterday', '--dry-run']);
  const detected = run('incident.ts', [
    'new',
    '--now',
    '2026-11-27T10:00:00+09:00',
    '--detected-at',
    'yesterday',
    '--dry-run',
    '--service',
    'kcps',
    '--severity',
    'sev2',
    '--components',
    'dns',
    '--title-ja',
    '障害',
    '--title-en',
    'Outage',
    '--department',
    'network-ops',
    '--responder',
    'alice',
  ]);
  expectUsageError(now);
  expectUsageError(detected);
  // One wording, i.e. one check of one thing (timeFlag in scripts/lib/args.ts).
  expect(now.stderr.replace('--now', '--X').replace(/"/g, '')).toBe(
    detected.stderr.replace('--detected-at', '--X').replace(/"/g, ''),
  );
});
