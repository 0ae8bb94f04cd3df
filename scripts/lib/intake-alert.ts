/** `npm run intake -- alert`: one alert payload (file, stdin or the dispatch event) to draft pull requests. */
import { openSync, readSync, closeSync } from 'node:fs';
import type { PortsFromEnv } from '../../src/adapters/ports-from-env.ts';
import { UserError } from '../../src/core/errors.ts';
import { MAX_ALERT_PAYLOAD_BYTES, MAX_ALERTS, parseAlertPayload } from '../../src/core/intake/alert-payload.ts';
import { planAlertIntake } from '../../src/core/intake/alert-plan.ts';
import { formatSteps, intakePort, performSteps, readCandidates, readRepo } from './intake-run.ts';

export async function intakeAlert(
  input: { file?: string; event?: string; now: number; dryRun: boolean; commit: boolean },
  ports: PortsFromEnv,
): Promise<number> {
  const body = input.event
    ? fromEvent(readLimited(input.event, MAX_ALERT_PAYLOAD_BYTES * 2))
    : readLimited(input.file ?? '-', MAX_ALERT_PAYLOAD_BYTES);
  const parsed = parseAlertPayload(body);
  if (!parsed.ok) throw new UserError(`${input.event ?? input.file ?? 'stdin'}: ${parsed.problem}`);
  const repo = readRepo(input.now);
  const port = input.dryRun ? ports.github()?.intake() : intakePort(ports);
  const candidates = port ? await readCandidates(port, repo, input.now) : [];
  const plan = planAlertIntake(parsed.alerts, {
    catalog: repo.catalog,
    now: input.now,
    candidates,
    incidents: repo.incidents,
    dismissed: repo.dismissed,
  });
  if (parsed.truncated)
    process.stderr.write(
      `warning: ${parsed.truncated} alert(s) of this notification were truncated (the sender's max_alerts, or more than ${MAX_ALERTS} in one notification) and are in no draft; look at the monitoring system for the rest\n`,
    );
  for (const p of plan.problems) process.stderr.write(`${p}\n`);
  if (input.dryRun) {
    if (!port) process.stdout.write('(no GITHUB_TOKEN: open drafts were not read)\n');
    process.stdout.write(formatSteps(plan.steps));
  } else {
    for (const line of await performSteps(plan.steps, port!, repo, input.now, input.commit))
      process.stdout.write(`${line}\n`);
  }
  return plan.problems.length ? 1 : 0;
}

/** The repository_dispatch event as GitHub writes it to GITHUB_EVENT_PATH: the alert is client_payload.alert. */
function fromEvent(text: string): string {
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    throw new UserError('the event file is not JSON');
  }
  const alert = (event as { client_payload?: { alert?: unknown } } | null)?.client_payload?.alert;
  if (alert === undefined)
    throw new UserError(
      'the dispatch event has no client_payload.alert; send {"event_type":"alert","client_payload":{"alert":<payload>}} (README, "Intake")',
    );
  return typeof alert === 'string' ? alert : JSON.stringify(alert);
}

/** Reads at most `limit` + 1 bytes, so a huge or endless input is refused without being held in memory. */
function readLimited(path: string, limit: number): string {
  let fd: number;
  try {
    fd = path === '-' ? 0 : openSync(path, 'r');
  } catch {
    throw new UserError(`${path}: cannot read the file`);
  }
  const buf = Buffer.alloc(limit + 1);
  let size = 0;
  try {
    for (;;) {
      let n: number;
      try {
        n = readSync(fd, buf, size, buf.length - size, null);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EAGAIN') continue;
        if ((err as NodeJS.ErrnoException).code === 'EOF') break;
        throw err;
      }
      if (n === 0) break;
      size += n;
      if (size > limit)
        throw new UserError(
          `${path === '-' ? 'stdin' : path}: more than ${limit} bytes; the limit for an alert payload is ${MAX_ALERT_PAYLOAD_BYTES}`,
        );
    }
  } finally {
    if (fd !== 0) closeSync(fd);
  }
  return buf.subarray(0, size).toString('utf8');
}
