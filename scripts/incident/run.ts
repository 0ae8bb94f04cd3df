/**
 * `npm run incident`: reads the arguments, refuses what needs neither a file
 * nor an answer (a flag the command does not take, --push off the fast lane
 * or with a bad target, a time that is not one) before any prompt, then runs
 * the command: locally (checked, then written) or through the fast lane.
 */
import { readCatalog } from '../../src/adapters/catalog-store.ts';
import { AuthoringError } from '../../src/core/authoring/problems.ts';
import { refusal } from '../../src/core/authoring/refusals.ts';
import type { CatalogIndex } from '../../src/core/catalog/index.ts';
import { UserError } from '../../src/core/errors.ts';
import { INCIDENT_STATUSES, MAINTENANCE_STATUSES, type UpdateStatus } from '../../src/core/incident/schema.ts';
import { toJstIso } from '../../src/core/time.ts';
import { readArgs, resolveNow, timeFlag, usageError } from '../lib/args.ts';
import type { Prompter } from '../lib/prompter.ts';
import {
  COMMON_FLAGS,
  STRING_FLAGS,
  SWITCHES,
  takesPush,
  text,
  type ChangeCommand,
  type Flags,
  type IncidentCommand,
} from './command.ts';
import { COMMANDS, commandNamed } from './commands/index.ts';
import { commandHelp, USAGE } from './help.ts';
import { readIncident } from './load.ts';
import { problemText, refusalText } from './messages.ts';
import { laneTarget, pushLiveUpdate } from './push.ts';
import { writeIncident } from './write.ts';

const TIME_FLAGS = ['detected-at', 'recovered-at', 'next-update', 'start', 'end', 'closed-at', 'at'];
/**
 * The time flags a command may ask for: there an empty value means "not
 * given" (the prompt asks, or the default "now" applies). The others are
 * never asked, so an empty one (an unset variable) would reach the file as
 * a time: it is refused up front, like an empty flag in every other script.
 */
const PROMPTED_TIME_FLAGS = ['detected-at', 'recovered-at', 'start', 'end'];
const STATUSES: readonly UpdateStatus[] = [...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES];

export interface IncidentEnvironment {
  /** The repository the command works in. */
  root: string;
  /** Whether stdin is a terminal (then missing values are asked for). */
  terminal: boolean;
  prompter(interactive: boolean): Prompter;
}

export async function runIncident(argv: string[], env: IncidentEnvironment): Promise<number> {
  const { root } = env;
  const { command, id, flags } = parseInputs(argv, root);
  const now = resolveNow(text(flags, 'now'));
  const lane = refuseUpFront(command, id, flags, root);
  const ask = env.prompter(Boolean(flags.interactive) || env.terminal);
  try {
    if (lane) return await worded(() => pushLiveUpdate(root, lane.command, lane.id, lane.target, { flags, ask, now }));
    const catalog = readCatalog(root);
    const build = { flags, ask, catalog, now };
    const dryRun = Boolean(flags['dry-run']);
    if (command.kind === 'create')
      return await worded(async () =>
        writeIncident(root, await command.build(build), undefined, command, { catalog, now, dryRun }),
      );
    const existing = readIncident(root, required(command, id));
    const refuse = (status: UpdateStatus | undefined, at: string) => {
      const why = refusal(command.name, existing.incident, { status, at });
      if (why) throw new UserError(`Not written: ${refusalText(why)}`, 2);
    };
    refuse(
      STATUSES.find((s) => s === flags.status),
      text(flags, 'at') ?? toJstIso(now),
    );
    return await worded(async () => {
      const next = await command.build(existing.incident, build);
      const last = next.updates.at(-1);
      if (last && next.updates.length > existing.incident.updates.length) refuse(last.status, last.at);
      return writeIncident(root, next, existing, command, { catalog, now, dryRun });
    });
  } finally {
    ask.close();
  }
}

/** Core's authoring problems, worded for the command line. */
async function worded<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof AuthoringError) throw new UserError(problemText(err.problem), err.exitCode);
    throw err;
  }
}

/**
 * Refusals that need no file and no answer, so a prompt is never asked for
 * a command that cannot run. Returns the fast lane's command and target when
 * --push is given.
 */
function refuseUpFront(
  command: IncidentCommand,
  id: string | undefined,
  flags: Flags,
  root: string,
): { command: ChangeCommand; id: string; target: { remote: string; branch: string } } | undefined {
  if (flags.push && !takesPush(command)) {
    const lanes = Object.values(COMMANDS)
      .filter(takesPush)
      .map((c) => c.name);
    throw new UserError(
      `--push is for live updates (${lanes.join(', ')}); ${command.name} goes through a reviewed pull request`,
      2,
    );
  }
  for (const [name, value] of Object.entries(flags)) {
    // --remote and --branch mean nothing without --push; they are ignored there, as they always were.
    if (value === undefined || (['remote', 'branch'].includes(name) && !flags.push)) continue;
    if (!command.required.includes(name) && !command.optional.includes(name) && !COMMON_FLAGS.includes(name)) {
      throw usageError(`--${name} does not apply to ${command.name}`, commandHelp(command, undefined));
    }
  }
  for (const f of TIME_FLAGS) timeFlag(f, text(flags, f), { allowEmpty: PROMPTED_TIME_FLAGS.includes(f) });
  command.refuseUpFront?.(flags);
  if (command.kind === 'change' && id === undefined) required(command, id);
  if (!flags.push || command.kind !== 'change') return undefined;
  return { command, id: required(command, id), target: laneTarget(root, flags) };
}

function required(command: IncidentCommand, id: string | undefined): string {
  if (id === undefined) throw usageError(`${command.name} needs an incident id`, commandHelp(command, undefined));
  return id;
}

function parseInputs(argv: string[], root: string): { command: IncidentCommand; id?: string; flags: Flags } {
  const parsed = readArgs(
    {
      ...Object.fromEntries(STRING_FLAGS.map((f) => [f, { type: 'string' as const }])),
      ...Object.fromEntries(SWITCHES.map((f) => [f, { type: 'boolean' as const }])),
    },
    () => helpText(argv, root),
    argv,
    // The prompter reads an empty flag as not given and asks for it (or names it missing).
    { allowEmpty: true },
  );
  const [name, id, ...extra] = parsed.positionals;
  if (!name) throw usageError('missing command', USAGE);
  const command = commandNamed(name);
  if (!command) throw usageError(`unknown command "${name}"`, USAGE);
  // A new incident gets its id from its facts; an id given to new or maintenance is a slip.
  const unexpected = command.kind === 'create' && id !== undefined ? id : extra[0];
  if (unexpected !== undefined) throw usageError(`unexpected argument "${unexpected}"`, USAGE);
  return { command, id, flags: parsed.values };
}

function helpText(argv: string[], root: string): string {
  const command = commandNamed(argv.find((a) => !a.startsWith('-')) ?? '');
  if (!command) return USAGE;
  let catalog: CatalogIndex | undefined;
  try {
    catalog = readCatalog(root);
  } catch {
    // Help without a readable catalog still lists the flags; the choices say where to look.
    catalog = undefined;
  }
  return commandHelp(command, catalog);
}
