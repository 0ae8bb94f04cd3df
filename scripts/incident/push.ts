/**
 * The fast lane (`--push`): the update is built on the remote default
 * branch's version of the file, judged with that branch's catalog and rules,
 * and pushed as a commit changing only this file. A local copy with changes
 * the remote does not have is refused rather than silently dropped or pushed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOG_PATH, parseCatalogText } from '../../src/adapters/catalog-store.ts';
import { checkLaneTarget, pushOneFile, syncLocal } from '../../src/adapters/fast-lane.ts';
import { listIncidentFiles } from '../../src/adapters/incident-store.ts';
import { planLiveUpdate, remoteIncident } from '../../src/core/authoring/fast-lane.ts';
import { UserError } from '../../src/core/errors.ts';
import { findIncidentFile, incidentPath } from '../../src/core/incident/paths.ts';
import { formatText } from '../../src/core/report/format-text.ts';
import type { Prompter } from '../lib/prompter.ts';
import type { ChangeCommand, Flags } from './command.ts';

export interface LaneTarget {
  remote: string;
  branch: string;
}

/** --remote and --branch, checked before anything is fetched or asked. */
export function laneTarget(root: string, flags: Flags): LaneTarget {
  const remote = typeof flags.remote === 'string' ? flags.remote : 'origin';
  const branch = typeof flags.branch === 'string' ? flags.branch : 'main';
  checkLaneTarget(root, remote, branch);
  return { remote, branch };
}

export async function pushLiveUpdate(
  root: string,
  command: ChangeCommand,
  id: string,
  target: LaneTarget,
  input: { flags: Flags; ask: Prompter; now: number },
): Promise<number> {
  const { flags, now } = input;
  const ask = remembering(input.ask);
  const file = findIncidentFile(listIncidentFiles(root), id) ?? incidentPath(id);
  const where = `${target.remote}/${target.branch}`;
  const localText = existsSync(join(root, file)) ? readFileSync(join(root, file), 'utf8') : undefined;
  const dryRun = Boolean(flags['dry-run']);
  let appended = 0;
  const result = await pushOneFile(root, { file, ...target, dryRun }, async (tip) => {
    const remoteText = tip.read(file);
    if (remoteText === undefined)
      throw new UserError(
        `--push: ${file} is not on ${where}; the fast lane only updates an incident already there (a new one goes through a pull request)`,
      );
    const ctx = { file, where, command: command.name, remoteText, localText };
    const remote = remoteIncident(ctx);
    const catalogText = tip.read(CATALOG_PATH);
    if (catalogText === undefined) throw new UserError(`--push: ${where} has no ${CATALOG_PATH}`);
    const catalog = parseCatalogText(catalogText);
    const next = await command.build(remote.incident, { flags, ask, catalog, now });
    const document = next.postmortem?.document;
    const documentText = document ? tip.read(document) : undefined;
    const plan = planLiveUpdate(ctx, remote, next, {
      catalog,
      now,
      documents: new Map(document && documentText !== undefined ? [[document, documentText]] : []),
    });
    if (plan.kind === 'push') {
      if (plan.warnings.length) process.stderr.write(formatText(plan.warnings, 1));
      appended = plan.appended;
    }
    return plan;
  });
  if (dryRun) {
    process.stdout.write(result.text);
    return 0;
  }
  const writeLocal = () => writeFileSync(join(root, file), result.text);
  if (!result.commit) {
    if (localText !== result.text) syncLocal(root, file, result.tip, undefined, writeLocal);
    process.stdout.write(`${where} already carries this update; nothing pushed, nothing appended twice.\n`);
    return 0;
  }
  const moved = result.attempts > 1 ? `; ${where} had moved, so it was rebuilt on the new tip` : '';
  process.stdout.write(
    `Pushed ${result.commit.slice(0, 12)} to ${where}: only ${file}, ${appended} update(s) appended${moved}. CI re-checks it; the SLA engine notifies from the push.\n`,
  );
  const local = syncLocal(root, file, result.tip, result.commit, writeLocal);
  process.stdout.write(
    local === 'fast-forwarded'
      ? 'Your branch is fast-forwarded to it.\n'
      : `Wrote and staged ${file}; git pull --ff-only brings the commit into your branch.\n`,
  );
  return 0;
}

/** Answers are asked once: the fast lane may build the same update on several tips. */
function remembering(ask: Prompter): Prompter {
  const answers = new Map<string, string | undefined>();
  return {
    async value(flag, flags, question, options) {
      if (!answers.has(flag)) answers.set(flag, await ask.value(flag, flags, question, options));
      return answers.get(flag);
    },
    close: () => ask.close(),
  };
}
