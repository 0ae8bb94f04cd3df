/**
 * The shape of one `npm run incident` command (one file each under
 * commands/): its flags for --help and the up-front refusals, and how it
 * builds the next incident from the flags and the prompts it asks.
 */
import type { Command as CommandName } from '../../src/core/authoring/refusals.ts';
import type { CatalogIndex } from '../../src/core/catalog/index.ts';
import type { Ledger } from '../../src/core/ledger/ledger.ts';
import type { ComponentImpact, Incident } from '../../src/core/incident/schema.ts';
import type { Prompter } from '../lib/prompter.ts';

export type { CommandName };

/** The flags that take a value (each command lists the ones it takes). */
export const STRING_FLAGS = [
  'service',
  'type',
  'severity',
  'scope',
  'customers',
  'components',
  'title-ja',
  'title-en',
  'impact-ja',
  'impact-en',
  'source',
  'detected-at',
  'ref',
  'department',
  'manager',
  'responder',
  'slug',
  'status',
  'message-ja',
  'message-en',
  'reopen-reason',
  'recovered-at',
  'next-update',
  'customer-actions-ja',
  'customer-actions-en',
  'start',
  'end',
  'field',
  'value',
  'reason',
  'by',
  'closed-at',
  'at',
  'now',
  'remote',
  'branch',
] as const;

/** Flags every command takes. */
export const COMMON_FLAGS = ['now', 'interactive', 'dry-run', 'help'];

/** The flags that take no value. */
export const SWITCHES = ['interactive', 'push', 'dry-run', 'no-notify'] as const;
export const isSwitch = (flag: string): boolean => SWITCHES.some((s) => s === flag);

/** The parsed flags: strings for valued flags, booleans for switches. */
export type Flags = Readonly<Record<string, string | boolean | undefined>>;

/** A valued flag's text, if given. */
export function text(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

export interface BuildInput {
  flags: Flags;
  ask: Prompter;
  catalog: CatalogIndex;
  now: number;
}

/** A file written beside the incident (a postmortem document): checked with it, written after it. */
export interface Companion {
  path: string;
  text: string;
  /** Printed after "Wrote <path>: ". */
  note: string;
}

interface CommandSpec {
  name: CommandName;
  /** The help's first line after "npm run incident -- ". */
  summary: string;
  /** Flags the command needs (a prompt asks for them on a terminal); anything not listed is a usage error. */
  required: readonly string[];
  optional: readonly string[];
  /** For --help: the impact a component gets when none is given. */
  defaultImpact?: ComponentImpact;
  /** Refusals that need neither a file nor an answer. */
  refuseUpFront?(flags: Flags): void;
}

/** A command that makes a new incident file. */
export interface CreateCommand extends CommandSpec {
  kind: 'create';
  build(input: BuildInput): Promise<Incident>;
}

/** A command that changes the incident named on the command line. */
export interface ChangeCommand extends CommandSpec {
  kind: 'change';
  build(incident: Incident, input: BuildInput): Promise<Incident>;
  /** Files to write with the incident, given the documents already in the repository. */
  companions?(
    next: Incident,
    context: { catalog: CatalogIndex; now: number; ledger: Ledger | undefined; documents: ReadonlyMap<string, string> },
  ): Companion[];
}

export type IncidentCommand = CreateCommand | ChangeCommand;

/** A command takes the fast lane when it lists --push. */
export const takesPush = (command: IncidentCommand): boolean => command.optional.includes('push');
