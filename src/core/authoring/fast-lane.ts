/**
 * What the fast lane may carry: a live update and nothing else. The change
 * from the default branch's version of an incident to the pushed one must be
 * new updates appended at the end, plus the recovery time (set when main has
 * none, or moved by a reopen or new resolution in the same change) and the
 * customer actions that `resolve` writes. Everything else (a fact, the severity, the
 * postmortem, another file) goes through a reviewed pull request. Pure.
 */
import type { CatalogIndex } from '../catalog/index.ts';
import { checkFile } from '../check/check-incidents.ts';
import { changedLeaves, deepEqual, formatDataPath } from '../data-path.ts';
import type { Finding } from '../findings.ts';
import { parseIncident } from '../check/parse-incident.ts';
import { recoveryMayChange } from '../incident/lifecycle.ts';
import type { Incident } from '../incident/schema.ts';
import { serializeIncident } from '../incident/serialize.ts';
import { AuthoringError } from './problems.ts';

/** Top-level fields an update or resolve may set besides appending updates. */
const LIVE_FIELDS = ['updates', 'recovered_at', 'customer_actions'] as const;

/**
 * Why `head` is not `base` plus a live update, as a short phrase for a
 * one-line message; undefined when it is (or when nothing changed).
 */
export function notALiveUpdate(base: Incident, head: Incident): string | undefined {
  const kept = base.updates.length <= head.updates.length ? head.updates.slice(0, base.updates.length) : undefined;
  if (!kept) return `${base.updates.length - head.updates.length} published update(s) removed`;
  const edited = kept.findIndex((u, i) => !deepEqual(u, base.updates[i]));
  if (edited >= 0) return `published update ${edited + 1} edited`;
  if (!recoveryMayChange(base, head))
    return `recovered_at ${base.recovered_at} ${head.recovered_at ? `moved to ${head.recovered_at}` : 'removed'} without a reopen or a new resolution`;
  const strip = (i: Incident) =>
    Object.fromEntries(
      Object.entries(i).filter(([k, v]) => !(LIVE_FIELDS as readonly string[]).includes(k) && v !== undefined),
    );
  const changed = changedLeaves(strip(base), strip(head));
  if (changed.length)
    return `${changed.slice(0, 3).map(formatDataPath).join(', ')}${changed.length > 3 ? ` and ${changed.length - 3} more` : ''} changed`;
  return undefined;
}

/**
 * Whether the default branch already carries the update this command is about
 * to append (same status, message and reopen reason): a retry after a push
 * whose answer was lost must not append it twice. It is looked for anywhere
 * after the local copy's last update (`since`: how many updates the local copy
 * has), not only at the end: a colleague may have pushed after the lost answer.
 * Without a local copy, only the remote's latest update is compared.
 */
export function alreadyCarried(remote: Incident, next: Incident, since?: number): boolean {
  const added = next.updates.slice(remote.updates.length);
  if (added.length !== 1) return false;
  const update = added[0]!;
  const from = since === undefined || since > remote.updates.length ? remote.updates.length - 1 : since;
  return remote.updates
    .slice(Math.max(0, from))
    .some(
      (u) =>
        u.status === update.status && deepEqual(u.message, update.message) && u.reopen_reason === update.reopen_reason,
    );
}

/** An incident file's text as data, or undefined when it is not a valid incident. */
export function readIncidentText(file: string, text: string): { incident: Incident; body: string } | undefined {
  const parsed = parseIncident(file, text);
  return parsed.ok ? { incident: parsed.incident, body: parsed.source.body } : undefined;
}

export interface LaneContext {
  file: string;
  /** "origin/main", for messages. */
  where: string;
  command: string;
  /** The file on the remote tip. */
  remoteText: string;
  /** The local working-tree file, if any. */
  localText?: string;
}

/**
 * The remote's version of the incident, after refusing a local copy with
 * changes the remote does not have (they would be lost or smuggled). A stale
 * local copy (the remote only has more updates) is fine.
 */
export function remoteIncident(ctx: LaneContext): { incident: Incident; body: string } {
  const remote = readIncidentText(ctx.file, ctx.remoteText);
  if (!remote) throw new AuthoringError({ kind: 'remote-invalid', file: ctx.file, where: ctx.where });
  if (ctx.localText !== undefined && ctx.localText !== ctx.remoteText) {
    const local = readIncidentText(ctx.file, ctx.localText);
    const why = local ? notALiveUpdate(local.incident, remote.incident) : 'it is not a valid incident';
    if (why)
      throw new AuthoringError({ kind: 'local-differs', file: ctx.file, where: ctx.where, why, command: ctx.command });
  }
  return remote;
}

export type LiveUpdatePlan =
  | { kind: 'carried'; text: string }
  | { kind: 'push'; text: string; message: string; appended: number; warnings: Finding[] };

/** What to push for `next` built on the remote's version: refused unless it is a live update CI would accept. */
export function planLiveUpdate(
  ctx: LaneContext,
  remote: { incident: Incident; body: string },
  next: Incident,
  options: { catalog: CatalogIndex; now: number; documents: ReadonlyMap<string, string> },
): LiveUpdatePlan {
  const local = ctx.localText === undefined ? undefined : readIncidentText(ctx.file, ctx.localText);
  if (alreadyCarried(remote.incident, next, local?.incident.updates.length))
    return { kind: 'carried', text: ctx.remoteText };
  const why = notALiveUpdate(remote.incident, next);
  if (why) throw new AuthoringError({ kind: 'not-live', command: ctx.command, why });
  const text = serializeIncident(next, remote.body);
  const { findings } = checkFile({ file: ctx.file, content: text }, options, ctx.remoteText);
  if (findings.some((f) => f.severity === 'error'))
    throw new AuthoringError({ kind: 'rejected', command: ctx.command, findings });
  return {
    kind: 'push',
    text,
    message: `${next.id}: ${ctx.command} (${next.updates.at(-1)!.status})`,
    appended: next.updates.length - remote.incident.updates.length,
    warnings: findings,
  };
}
