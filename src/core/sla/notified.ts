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
import { keys, type Ledger } from '../ledger/ledger.ts';
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
      .reduce<{ at: number; key: string } | undefined>(
        (first, e) => (first && first.at <= toMs(e.at) ? first : { at: toMs(e.at), key: e.key }),
        undefined,
      );
    return live
      ? { at: live.at, evidence: 'page-live', key: live.key, text: 'page verified live (ledger page-live)' }
      : missing('no record that the page was verified live after a deploy');
  }
  // Every affected customer: a notice counts once its fully accepted sends cover them all. A customer added to the
  // incident after a notice went out is covered by that notice's follow-up send (`…/added-<n>`), so the notice is
  // complete at the last of them. A key recorded twice (a crash and a retry) counts once, as first recorded.
  const affected = Math.max(1, incident.customers?.length ?? 0);
  const complete = incident.updates
    .map((_, i) => {
      const notice = keys.customerEmail(incident.id, i);
      const sends = ledger
        .ofIncident(incident.id)
        .filter(
          (e) =>
            ledger.get(e.key) === e &&
            isSendOf(e.key, notice) &&
            typeof e.detail.recipients === 'number' &&
            e.detail.recipients > 0 &&
            e.detail.accepted === e.detail.recipients,
        );
      const covered = sends.reduce((n, e) => n + (e.detail.recipients as number), 0);
      return sends.length && ledger.has(notice) && covered >= affected
        ? { key: notice, at: Math.max(...sends.map((e) => toMs(e.at))) }
        : undefined;
    })
    .filter((c) => c !== undefined)
    .sort((a, b) => a.at - b.at)[0];
  return complete
    ? {
        at: complete.at,
        evidence: 'customer-email',
        key: complete.key,
        text: 'provider accepted the notice for every affected customer (ledger customer-email)',
      }
    : missing('no notice accepted for every affected customer');
}

/** The notice's own record, or one of its follow-ups to customers added later (`<notice>/added-<n>`); never a batch or intent record. */
function isSendOf(key: string, notice: string): boolean {
  return key === notice || (key.startsWith(`${notice}/added-`) && /^\d+$/.test(key.slice(`${notice}/added-`.length)));
}
