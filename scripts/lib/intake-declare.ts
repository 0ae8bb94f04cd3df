/**
 * `npm run intake -- declare`: a manager declared a desk inquiry or problem
 * ticket an incident; open the draft from its form.
 * `npm run intake -- dismiss`: an intake pull request was closed unmerged;
 * record "not an incident", who and why, in the ledger (the audit's
 * population lists it), and say so on the pull request.
 */
import { randomBytes } from 'node:crypto';
import { commitAndPushLedger, runLedger } from '../../src/adapters/ledger-store.ts';
import type { PortsFromEnv } from '../../src/adapters/ports-from-env.ts';
import { UserError } from '../../src/core/errors.ts';
import { intakeKeys, readCandidateMarker } from '../../src/core/intake/candidate.ts';
import { untrusted } from '../../src/core/intake/draft-text.ts';
import { planDeclaration } from '../../src/core/intake/issue-form.ts';
import { toJstIso } from '../../src/core/time.ts';
import { formatSteps, intakePort, performSteps, readRepo } from './intake-run.ts';

export async function intakeDeclare(
  input: { issue: number; by: string; now: number; dryRun: boolean; commit: boolean },
  ports: PortsFromEnv,
): Promise<number> {
  const repo = readRepo(input.now);
  const port = intakePort(ports);
  const issue = await port.issue(input.issue);
  const candidates = await port.openCandidates();
  const existing = candidates.find((c) => c.marker.issue === input.issue);
  if (existing) {
    process.stdout.write(
      `#${input.issue} is already draft #${existing.number} (${existing.marker.id}); nothing to do\n`,
    );
    return 0;
  }
  const taken = new Set([...repo.incidents.map((i) => i.id), ...candidates.map((c) => c.marker.id)]);
  const plan = planDeclaration(issue, input.by, repo.catalog, input.now, taken);
  if (!plan.ok) {
    // Said on the issue too: the manager who labelled it is looking there, not at the workflow log. One sticky
    // comment, edited in place: repeated /declare comments must not make the bot flood the issue.
    const marker = '<!-- status-portal:intake-refused -->';
    if (!input.dryRun)
      await port.upsertComment(
        input.issue,
        marker,
        `${marker}\n⚠️ Not declared (as of ${toJstIso(input.now)}, by @${input.by}): ${plan.problem}`,
      );
    throw new UserError(plan.problem);
  }
  if (input.dryRun) {
    process.stdout.write(formatSteps(plan.steps));
    return 0;
  }
  for (const line of await performSteps(plan.steps, port, repo, input.now, input.commit))
    process.stdout.write(`${line}\n`);
  return 0;
}

const REASON = /^\/not-an-incident\b[ \t]*(.*)$/m;

export async function intakeDismiss(
  input: { pr: number; by: string; now: number; dryRun: boolean; commit: boolean },
  ports: PortsFromEnv,
): Promise<number> {
  const repo = readRepo(input.now);
  const port = intakePort(ports);
  const pull = await port.pull(input.pr);
  const marker = readCandidateMarker(pull.body);
  if (!marker)
    throw new UserError(`#${input.pr} is not an intake draft (no intake marker in its description); nothing recorded`);
  if (pull.merged) {
    process.stdout.write(`#${input.pr} was merged: ${marker.id} is an incident; nothing to dismiss\n`);
    return 0;
  }
  if (pull.state !== 'closed')
    throw new UserError(
      `#${input.pr} is still open: close it unmerged to record "not an incident" (comment /not-an-incident <reason> first); nothing recorded`,
    );
  const key = intakeKeys.dismissed(marker.id);
  if (repo.ledger.some((e) => e.key === key)) {
    process.stdout.write(`${marker.id} is already recorded as not an incident\n`);
    return 0;
  }
  const said = (await port.comments(input.pr)).flatMap((c) => {
    const m = REASON.exec(c.body);
    return m ? [{ user: c.user, reason: m[1]!.trim() }] : [];
  });
  // Only the closer's reason, or a manager's of the service: anyone may comment, and a later comment must not rewrite why.
  const managers = new Set(
    repo.catalog.catalog.departments.filter((d) => d.services.includes(marker.service)).flatMap((d) => d.managers),
  );
  const last = said.filter((s) => s.user === input.by).at(-1) ?? said.filter((s) => managers.has(s.user)).at(-1);
  // No "=" in a ledger detail value: the audit's notifications table writes details as key=value pairs.
  const reason = last?.reason
    ? untrusted(last.reason, 200).replace(/=/g, '＝')
    : 'no reason given (comment /not-an-incident <reason> before closing)';
  const detail = {
    pr: input.pr,
    by: input.by,
    reason,
    service: marker.service,
    source: marker.source,
    fingerprints: marker.fingerprints.join(' '),
    ...(marker.issue ? { issue: marker.issue } : {}),
  };
  if (input.dryRun) {
    process.stdout.write(`would record ${key}: ${JSON.stringify(detail)}\n`);
    return 0;
  }
  const store = runLedger(repo.root, randomBytes(4).toString('hex'), new Date(input.now));
  await store.append({ key, kind: 'candidate-dismissed', incident: marker.id, at: toJstIso(input.now), detail });
  await port.commentOnce(
    input.pr,
    `<!-- status-portal:intake-dismissed -->`,
    `<!-- status-portal:intake-dismissed -->\n🗂 Recorded as **not an incident** by @${input.by} at ${toJstIso(input.now)}: ${reason}. The clock stopped; the audit lists it under "dismissed".`,
  );
  if (input.commit) commitAndPushLedger(repo.root, store.file, `ledger: ${marker.id} dismissed as not an incident`);
  process.stdout.write(`${marker.id} recorded as not an incident (by @${input.by}: ${reason})\n`);
  return 0;
}
