/**
 * npm run sla -- [--now ISO] [--dry-run] [--format text|json] [--commit] [--next-due] [--commit-pending]
 * Plans everything due now from the incidents, the ledger and the clock, and
 * (unless --dry-run) performs it: customer e-mail, manager notifications,
 * warnings, breaches, tracking issues, the dashboard. --next-due only prints
 * the next planned moment (warning, deadline, reminder) for the workflow's
 * waiter; --commit-pending only commits and pushes ledger files a killed run
 * left uncommitted.
 */
import { commitAndPushLedger, pendingLedgerFiles } from '../src/adapters/ledger-store.ts';
import { portsFromEnv } from '../src/adapters/ports-from-env.ts';
import type { Switches } from '../src/adapters/switches.ts';
import { engineRun } from './lib/engine-run.ts';
import { oneOf, readArgs, resolveNow } from './lib/args.ts';
import { runMain } from './lib/run-main.ts';

const USAGE =
  'usage: npm run sla -- [--now ISO] [--dry-run] [--format text|json] [--commit] [--next-due] [--commit-pending]';

export async function main(switches: Switches): Promise<number> {
  const { values } = readArgs(
    {
      now: { type: 'string' },
      'dry-run': { type: 'boolean' },
      format: { type: 'string', default: 'text' },
      commit: { type: 'boolean' },
      'next-due': { type: 'boolean' },
      'commit-pending': { type: 'boolean' },
    },
    USAGE,
  );
  const format = oneOf('format', values.format, ['text', 'json'] as const) ?? 'text';
  if (values['commit-pending']) {
    const files = pendingLedgerFiles(process.cwd());
    if (files.length)
      commitAndPushLedger(process.cwd(), files, `ledger: ${files.length} file(s) left by an interrupted run`);
    process.stdout.write(`${files.length} pending ledger file(s) committed.\n`);
    return 0;
  }
  return engineRun(
    {
      now: resolveNow(values.now),
      fixedClock: values.now !== undefined,
      dryRun: Boolean(values['dry-run']),
      format,
      commit: Boolean(values.commit),
      nextDue: Boolean(values['next-due']),
    },
    portsFromEnv(process.env, switches),
    process.env,
  );
}

if (import.meta.main) await runMain(main);
