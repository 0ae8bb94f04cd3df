/**
 * What the fast lane may carry: a live update and nothing else. The change
 * from the default branch's version of an incident to the pushed one must be
 * new updates appended at the end, plus the recovery time and the customer
 * actions that `resolve` writes. Everything else (a fact, the severity, the
 * postmortem, another file) goes through a reviewed pull request. Pure.
 */
import { changedLeaves, deepEqual, formatDataPath } from '../data-path.ts';
import type { Incident } from '../incident/schema.ts';

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
  const strip = (i: Incident) => Object.fromEntries(Object.entries(i).filter(([k, v]) => !(LIVE_FIELDS as readonly string[]).includes(k) && v !== undefined));
  const changed = changedLeaves(strip(base), strip(head));
  if (changed.length) return `${changed.slice(0, 3).map(formatDataPath).join(', ')}${changed.length > 3 ? ` and ${changed.length - 3} more` : ''} changed`;
  return undefined;
}

/**
 * Whether the default branch already carries the update this command is about
 * to append (same status, message and reopen reason as its latest update): a
 * retry after a push whose answer was lost must not append it twice.
 */
export function alreadyCarried(remote: Incident, next: Incident): boolean {
  const added = next.updates.slice(remote.updates.length);
  const last = remote.updates.at(-1);
  if (added.length !== 1 || !last) return false;
  const update = added[0]!;
  return last.status === update.status && deepEqual(last.message, update.message) && last.reopen_reason === update.reopen_reason;
}
