/**
 * When customers were notified: the one definition the SLA engine, the
 * incident page, the postmortem template, the checker and the audit all use.
 *
 * - public scope: the first time the deploy verified the incident's page live
 *   in every language (a `page-live` ledger entry written by verify-live);
 * - customer scope: the first notice the provider accepted for every
 *   affected customer (a `customer-email` ledger entry with accepted = recipients).
 *
 * The time an update was written is never used in place of evidence: without
 * a ledger record the answer is "not evidenced", and the caller says so.
 */
import type { Incident } from '../incident/schema.ts';
import { keys, type Ledger } from '../engine/ledger.ts';
import { toMs } from '../time.ts';

export type NotifiedEvidence = 'page-live' | 'customer-email' | 'none';

export interface Notified {
  /** Epoch ms; undefined when there is no evidence (yet). */
  at?: number;
  evidence: NotifiedEvidence;
  /** The ledger key of the deciding entry. */
  key?: string;
  /** For people: what the evidence is, or that there is none. */
  text: string;
}

export const NOT_EVIDENCED = 'not yet evidenced';

export function notifiedOf(incident: Incident, ledger: Ledger | undefined): Notified {
  const missing = (why: string): Notified => ({ evidence: 'none', text: `${NOT_EVIDENCED}: ${why}` });
  if (!ledger) return missing('the ledger was not available');
  if (incident.scope === 'public') {
    // Every page-live entry of the incident counts (older ledgers used one key per incident): the earliest wins.
    const live = ledger
      .ofIncident(incident.id)
      .filter((e) => e.kind === 'page-live')
      .reduce<{ at: number; key: string } | undefined>((first, e) => (first && first.at <= toMs(e.at) ? first : { at: toMs(e.at), key: e.key }), undefined);
    return live
      ? { at: live.at, evidence: 'page-live', key: live.key, text: 'page verified live (ledger page-live)' }
      : missing('no record that the page was verified live after a deploy');
  }
  // Every affected customer: a notice sent before a customer was added to the incident did not reach them.
  const affected = Math.max(1, incident.customers?.length ?? 0);
  const complete = incident.updates
    .map((_, i) => ledger.get(keys.customerEmail(incident.id, i)))
    .filter((e) => e !== undefined && typeof e.detail.recipients === 'number' && e.detail.recipients >= affected && e.detail.accepted === e.detail.recipients)
    .sort((a, b) => toMs(a!.at) - toMs(b!.at))[0];
  return complete
    ? { at: toMs(complete.at), evidence: 'customer-email', key: complete.key, text: 'provider accepted the notice for every affected customer (ledger customer-email)' }
    : missing('no notice accepted for every affected customer');
}
