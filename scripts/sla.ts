/**
 * npm run sla -- [--now ISO] [--dry-run] [--format text|json] [--commit]
 * Plans everything due now from the incidents, the ledger and the clock, and
 * (unless --dry-run) performs it: customer e-mail, manager notifications,
 * warnings, breaches, tracking issues, the dashboard.
 */
import { parseArgs } from 'node:util';
import { UserError } from '../src/core/errors.ts';
import { engineRun } from './lib/engine-run.ts';
import { resolveNow, runMain } from './lib/run-main.ts';

await runMain(async () => {
  const { values } = parseArgs({ options: { now: { type: 'string' }, 'dry-run': { type: 'boolean' }, format: { type: 'string', default: 'text' }, commit: { type: 'boolean' } } });
  if (values.format !== 'text' && values.format !== 'json') throw new UserError(`--format ${values.format}: expected text or json`, 2);
  return engineRun({ now: resolveNow(values.now), fixedClock: values.now !== undefined, dryRun: Boolean(values['dry-run']), format: values.format, commit: Boolean(values.commit) });
});
