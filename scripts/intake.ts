/**
 * npm run intake -- alert [FILE|-] [--event FILE] [--dry-run] [--now ISO] [--commit]
 * npm run intake -- declare --issue N --by LOGIN [--dry-run] [--now ISO] [--commit]
 * npm run intake -- dismiss --pr N --by LOGIN [--now ISO] [--commit]
 * npm run intake -- serve [--port N] [--host H]
 * Monitoring alerts, desk inquiries and problem tickets become draft
 * incident pull requests whose SLA clock runs before anyone merges them.
 */
import { portsFromEnv } from '../src/adapters/ports-from-env.ts';
import type { Switches } from '../src/adapters/switches.ts';
import { countFlag, readArgs, resolveNow, usageError } from './lib/args.ts';
import { runMain } from './lib/run-main.ts';

const USAGE =
  'usage: npm run intake -- alert [FILE|-] [--event FILE] | declare --issue N --by LOGIN | dismiss --pr N --by LOGIN | serve [--port N]  [--dry-run] [--now ISO] [--commit]';

export async function main(switches: Switches): Promise<number> {
  const { values, positionals } = readArgs(
    {
      event: { type: 'string' },
      issue: { type: 'string' },
      pr: { type: 'string' },
      by: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      now: { type: 'string' },
      'dry-run': { type: 'boolean' },
      commit: { type: 'boolean' },
    },
    USAGE,
  );
  const [verb, ...rest] = positionals;
  // alert takes one file (or -); the other verbs none: anything more is a slip, not something to ignore.
  const extra = rest[verb === 'alert' ? 1 : 0];
  if (verb !== undefined && extra !== undefined) throw usageError(`unexpected argument "${extra}"`, USAGE);
  const ports = portsFromEnv(process.env, switches);
  const common = { now: resolveNow(values.now), dryRun: Boolean(values['dry-run']), commit: Boolean(values.commit) };
  switch (verb) {
    case 'alert':
      return (await import('./lib/intake-alert.ts')).intakeAlert(
        { ...common, file: rest[0], event: values.event },
        ports,
      );
    case 'declare':
      return (await import('./lib/intake-declare.ts')).intakeDeclare(
        { ...common, issue: positiveInt(values.issue, '--issue'), by: required(values.by, '--by') },
        ports,
      );
    case 'dismiss':
      return (await import('./lib/intake-declare.ts')).intakeDismiss(
        { ...common, pr: positiveInt(values.pr, '--pr'), by: required(values.by, '--by') },
        ports,
      );
    case 'serve':
      return (await import('./lib/intake-serve.ts')).intakeServe(
        {
          port: countFlag('port', values.port, { max: 65535 }) ?? 9095,
          host: values.host ?? '127.0.0.1',
          secret: process.env.STATUS_INTAKE_SECRET,
        },
        ports,
      );
    default:
      throw usageError(verb === undefined ? 'missing verb' : `unknown verb "${verb}"`, USAGE);
  }
}

if (import.meta.main) await runMain(main);

function positiveInt(value: string | undefined, flag: string): number {
  return countFlag(flag.replace(/^--/, ''), required(value, flag), { min: 1 })!;
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw usageError(`${flag} is required`, USAGE);
  return value;
}
