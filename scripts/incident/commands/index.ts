/** Every `npm run incident` command, by name; help and dispatch read this list. */
import type { CommandName, IncidentCommand } from '../command.ts';
import { closeCommand } from './close.ts';
import { correctCommand } from './correct.ts';
import { maintenanceCommand } from './maintenance.ts';
import { newCommand } from './new.ts';
import { postmortemCommand } from './postmortem.ts';
import { resolveCommand } from './resolve.ts';
import { updateCommand } from './update.ts';

export const COMMANDS: Readonly<Record<CommandName, IncidentCommand>> = {
  new: newCommand,
  update: updateCommand,
  resolve: resolveCommand,
  maintenance: maintenanceCommand,
  correct: correctCommand,
  close: closeCommand,
  postmortem: postmortemCommand,
};

export function commandNamed(name: string): IncidentCommand | undefined {
  return Object.values(COMMANDS).find((c) => c.name === name);
}
