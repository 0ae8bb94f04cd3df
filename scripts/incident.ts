/**
 * npm run incident -- <new|update|resolve|maintenance|correct|close|postmortem> [id] [flags]
 * Writes an incident file in the standard layout after checking it with the
 * same rules as CI (against the file as it was); refuses what CI would refuse.
 * Each command is one module under incident/commands/.
 */
import { createPrompter } from './lib/prompter.ts';
import { runMain } from './lib/run-main.ts';
import { runIncident } from './incident/run.ts';

await runMain(() =>
  runIncident(process.argv.slice(2), {
    root: process.cwd(),
    terminal: process.stdin.isTTY ?? false,
    prompter: createPrompter,
  }),
);
