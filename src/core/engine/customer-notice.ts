/**
 * Crash-safe customer notices. Each contact of an affected customer is one
 * message (no contact sees another's address, and no message nears the
 * provider's 50-recipient limit); messages go in batches of at most 100.
 *
 * Exactly once, whatever changed between a crash and its retry:
 * - before a batch is sent, a write-ahead entry (its intent) records the
 *   batch's idempotency key, its recipients as opaque keys (customer id plus
 *   a hash of the address: the ledger is committed to git, so it holds no
 *   address) and the hash of the payload;
 * - an intent without an acceptance is resolved first on the next run: the
 *   same key is sent again to the same recipients (those still affected),
 *   with the notice as it stands now. If the provider accepted the first
 *   attempt, it answers with the original response (nothing changed) or with
 *   409 "same key, different payload" (something was edited): either way those
 *   recipients were sent to once, and are recorded so. If it never arrived,
 *   this is the first delivery. Nobody is skipped, nobody gets it twice, and
 *   the remaining batches always follow. A 409 for a batch with no earlier
 *   attempt on record is not evidence of anything: reported, not recorded as
 *   sent, retried;
 * - a batch's key is derived from its set of recipients, so even a run whose
 *   ledger file was lost recomputes the same key for the same recipients.
 * A customer missing from the directory (or without a valid contact) blocks
 * only that customer: everyone else is sent to, and the notice stays due
 * until every affected customer has it.
 */
import type { Incident } from '../incident/schema.ts';
import type { Action } from './actions.ts';
import type { Directory } from './directory.ts';
import type { RenderedEmail } from './email.ts';
import type { LedgerEntry } from '../ledger/ledger.ts';
import { BATCH_SIZE, type EmailPort, type OutgoingEmail } from './ports.ts';
import { HOUR_MS } from '../time.ts';

export type CustomerEmailAction = Extract<Action, { kind: 'customer-email' }>;
export type CustomerEvent = CustomerEmailAction['event'];

/** The provider remembers an idempotency key this long; an intent older than this cannot be deduplicated by it. */
export const IDEMPOTENCY_WINDOW_MS = 24 * HOUR_MS;

/**
 * An opaque, stable key for one contact of one customer within one incident: `cust-…:<16 hex>`, a keyed MAC
 * (HMAC-SHA256 under the ledger key, a secret outside the repository) of customer, incident and address. The
 * ledger is readable by everyone with repository access: without the key nobody can test a guessed address
 * against it, and the same address under two customers gives unrelated keys.
 */
export function recipientKey(
  incidentId: string,
  customer: string,
  address: string,
  mac: (s: string) => string,
): string {
  return `${customer}:${mac(`${customer}\n${incidentId}\n${address.trim().toLowerCase()}`).slice(0, 16)}`;
}

/** The key written before the ledger key existed (an unkeyed SHA-256 of incident and address): still matched, so notices in flight at the migration are neither repeated nor skipped. Never written again. */
export function legacyRecipientKey(
  incidentId: string,
  customer: string,
  address: string,
  hash: (s: string) => string,
): string {
  return `${customer}:${hash(`${incidentId}\n${address.trim().toLowerCase()}`).slice(0, 16)}`;
}

const customerOf = (rkey: string) => rkey.slice(0, rkey.indexOf(':'));
const split = (v: unknown) =>
  String(v ?? '')
    .split(' ')
    .filter(Boolean);

interface Intent {
  key: string;
  notice: string;
  rkeys: string[];
  payload: string;
  at: string;
}

/** What the ledger says about an incident's customer notices: who was accepted under which notice, and which intents are unresolved. */
export function noticeState(
  entries: readonly LedgerEntry[],
  incidentId: string,
): { acceptedBy: Map<string, Set<string>>; pending: Intent[] } {
  const acceptedBy = new Map<string, Set<string>>();
  const intents = new Map<string, Intent>();
  const resolved = new Set<string>();
  for (const e of entries) {
    if (e.incident !== incidentId || e.kind !== 'customer-email' || typeof e.detail.notice !== 'string') continue;
    if (e.detail.phase === 'intent') {
      const key = e.key.replace(/\/intent$/, '');
      intents.set(key, {
        key,
        notice: e.detail.notice,
        rkeys: split(e.detail.rkeys),
        payload: String(e.detail.payload ?? ''),
        at: e.at,
      });
    } else {
      resolved.add(e.key);
      const set = acceptedBy.get(e.detail.notice) ?? new Set<string>();
      for (const r of split(e.detail.rkeys)) set.add(r);
      acceptedBy.set(e.detail.notice, set);
    }
  }
  return { acceptedBy, pending: [...intents.values()].filter((i) => !resolved.has(i.key)) };
}

/** Customers who were accepted for some notice of this incident other than `notice`. */
export function customersNotifiedBefore(
  entries: readonly LedgerEntry[],
  incidentId: string,
  notice: string,
): Set<string> {
  const { acceptedBy } = noticeState(entries, incidentId);
  const out = new Set<string>();
  for (const [n, rkeys] of acceptedBy) if (n !== notice) for (const r of rkeys) out.add(customerOf(r));
  return out;
}

/** The event for a customer who already had a notice of this incident. */
export function laterEvent(incident: Incident, updateIndex: number): CustomerEvent {
  const status = incident.updates[updateIndex]!.status;
  return status === 'resolved' || status === 'completed' ? 'resolution' : 'update';
}

/** Whether an earlier notice of this incident was completed before per-recipient entries existed (count-only entries). */
export function legacyNotified(entries: readonly LedgerEntry[], incidentId: string, notice: string): boolean {
  const completion = new RegExp(`^${incidentId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/customer-email/\\d+$`);
  const withRecipients = new Set(
    entries.filter((e) => e.incident === incidentId && typeof e.detail.notice === 'string').map((e) => e.detail.notice),
  );
  return entries.some(
    (e) =>
      e.kind === 'customer-email' &&
      e.key !== notice &&
      completion.test(e.key) &&
      !withRecipients.has(e.key) &&
      typeof e.detail.recipients === 'number' &&
      e.detail.accepted === e.detail.recipients,
  );
}

export interface NoticeDeps {
  directory: Directory;
  email: EmailPort;
  hash: (s: string) => string;
  /** The keyed MAC for recipient keys (see recipientKey). */
  mac: (s: string) => string;
  /** Every ledger entry known now (earlier runs and this one). */
  entries: () => readonly LedgerEntry[];
  record: (entry: Omit<LedgerEntry, 'at'>) => Promise<void>;
  render: (event: CustomerEvent) => RenderedEmail;
  /** Whether an earlier notice of this incident reached the customer (from the ledger's older, count-only entries). */
  legacyNotified: boolean;
  now: () => number;
}

export interface NoticeResult {
  /** Customers with at least one accepted contact for this notice. */
  notified: number;
  /** Messages sent (or confirmed by the provider) in this run. */
  sentNow: number;
  /** Customers without any usable contact: not sent to, retried on every run. */
  unreachable: string[];
  notes: string[];
  complete: boolean;
  /** Which events the messages sent in this run carried (first notice, update, resolution). */
  events: CustomerEvent[];
}

interface Recipient {
  customer: string;
  address: string;
  rkey: string;
  /** The same contact's key in ledgers written before the ledger key. */
  legacy: string;
}

export async function sendCustomerNotice(
  action: CustomerEmailAction,
  incident: Incident,
  deps: NoticeDeps,
): Promise<NoticeResult> {
  const notice = action.notice ?? action.key;
  const base = { kind: 'customer-email' as const, incident: incident.id };
  const current = new Map<string, Recipient>();
  // Every key a current recipient may appear under in the ledger: its key now and its key before the ledger key.
  const byAnyKey = new Map<string, Recipient>();
  const unreachable: string[] = [];
  for (const customer of action.customers) {
    const contacts = deps.directory.customers[customer]?.contacts;
    if (!contacts?.length) unreachable.push(customer);
    for (const address of contacts ?? []) {
      const rkey = recipientKey(incident.id, customer, address, deps.mac);
      if (current.has(rkey)) continue;
      const r = { customer, address, rkey, legacy: legacyRecipientKey(incident.id, customer, address, deps.hash) };
      current.set(rkey, r);
      byAnyKey.set(rkey, r);
      if (!byAnyKey.has(r.legacy)) byAnyKey.set(r.legacy, r);
    }
  }
  const rendered = new Map<CustomerEvent, { email: RenderedEmail; fingerprint: string }>();
  const render = (event: CustomerEvent) => {
    let r = rendered.get(event);
    if (!r) {
      const email = deps.render(event);
      rendered.set(event, (r = { email, fingerprint: deps.hash(JSON.stringify(email)) }));
    }
    return r;
  };
  // The event is decided per customer at send time: whoever had an earlier notice of this incident gets an update, everyone else a first notice.
  const later = laterEvent(incident, action.updateIndex);
  const messagesFor = (recipients: Recipient[]) => {
    const before = customersNotifiedBefore(deps.entries(), incident.id, notice);
    const kinds = new Set<CustomerEvent>();
    const parts = recipients.map((r) => {
      const event = before.has(r.customer) || deps.legacyNotified ? later : 'initial';
      kinds.add(event);
      return { to: r.address, ...render(event) };
    });
    // The payload's fingerprint: each recipient with the fingerprint of the content it gets (cheaper than hashing every message, same meaning).
    return {
      messages: parts.map((p): OutgoingEmail => ({ to: [p.to], ...p.email })),
      payload: deps.hash(parts.map((p) => `${p.to}\n${p.fingerprint}`).join('\n')).slice(0, 16),
      kinds,
    };
  };
  const notes: string[] = [];
  const events = new Set<CustomerEvent>();
  let sentNow = 0;

  // 1. Intents left by an interrupted run, oldest first: same key, same recipients, the notice as it stands now.
  for (const intent of noticeState(deps.entries(), incident.id).pending.sort((a, b) => (a.at < b.at ? -1 : 1))) {
    const recipients = [...new Set(intent.rkeys.flatMap((k) => byAnyKey.get(k) ?? []))];
    if (!recipients.length) {
      await deps.record({
        ...base,
        key: intent.key,
        detail: { notice: intent.notice, rkeys: '', messages: 0, abandoned: true },
      });
      notes.push(
        `an interrupted batch (${intent.rkeys.length} recipient(s)) is no longer addressed to anyone affected; closed without sending`,
      );
      continue;
    }
    const { messages, payload, kinds } = messagesFor(recipients);
    const late = deps.now() - Date.parse(intent.at) >= IDEMPOTENCY_WINDOW_MS;
    const result = await deps.email.sendBatch(messages, intent.key);
    if ('conflict' in result) {
      // The provider accepted this key before with another payload: the interrupted batch was delivered, as it was then.
      await deps.record({
        ...base,
        key: intent.key,
        detail: {
          notice: intent.notice,
          update: action.updateIndex + 1,
          rkeys: intent.rkeys.join(' '),
          messages: intent.rkeys.length,
          ids: '',
          resumed: true,
          conflict: true,
        },
      });
      notes.push(
        `an interrupted batch of ${intent.rkeys.length} had been delivered before an edit; recorded, not resent`,
      );
    } else {
      await deps.record({
        ...base,
        key: intent.key,
        detail: {
          notice,
          update: action.updateIndex + 1,
          rkeys: recipients.map((r) => r.rkey).join(' '),
          messages: messages.length,
          ids: result.ids.join(' '),
          resumed: true,
          ...(payload !== intent.payload ? { edited: true } : {}),
          ...(late ? { late: true } : {}),
        },
      });
      sentNow += messages.length;
      for (const k of kinds) events.add(k);
      if (late)
        notes.push(
          `an interrupted batch older than the provider's 24-hour idempotency window was sent again; its ${messages.length} recipient(s) may have it twice`,
        );
    }
  }

  // 2. Everyone affected who does not have this notice yet, in batches whose key follows from their recipients.
  const accepted = () => noticeState(deps.entries(), incident.id).acceptedBy.get(notice) ?? new Set<string>();
  const done = accepted();
  const pending = [...current.values()].filter((r) => !done.has(r.rkey) && !done.has(r.legacy));
  for (let b = 0; b < pending.length; b += BATCH_SIZE) {
    const batch = pending.slice(b, b + BATCH_SIZE);
    const rkeys = batch.map((r) => r.rkey);
    const key = `${notice}/batch-${deps.hash([...rkeys].sort().join(' ')).slice(0, 12)}`;
    const { messages, payload, kinds } = messagesFor(batch);
    await deps.record({
      ...base,
      key: `${key}/intent`,
      detail: {
        notice,
        phase: 'intent',
        update: action.updateIndex + 1,
        rkeys: rkeys.join(' '),
        messages: messages.length,
        payload,
      },
    });
    const result = await deps.email.sendBatch(messages, key);
    if ('conflict' in result) {
      // Only a retried intent can legitimately conflict (step 1). Here no earlier attempt is on record: a lost ledger
      // file or a colliding key. Nobody is counted as sent; the intent is closed with no recipients (so no later run
      // mistakes it for a delivered crash), the batch stays due and the run reports it for someone to look into.
      await deps.record({
        ...base,
        key,
        detail: {
          notice,
          update: action.updateIndex + 1,
          rkeys: '',
          messages: 0,
          ids: '',
          conflict: true,
          unexplained: rkeys.length,
        },
      });
      notes.push(
        `a batch of ${messages.length} was refused as 409 invalid_idempotent_request with no earlier attempt in the ledger: not counted as sent, investigate (a lost ledger file?); retried on the next run`,
      );
      continue;
    }
    await deps.record({
      ...base,
      key,
      detail: {
        notice,
        update: action.updateIndex + 1,
        rkeys: rkeys.join(' '),
        messages: messages.length,
        ids: result.ids.join(' '),
      },
    });
    sentNow += messages.length;
    for (const k of kinds) events.add(k);
  }

  const notifiedCustomers = new Set([...accepted()].map(customerOf));
  const notified = action.customers.filter((c) => notifiedCustomers.has(c)).length;
  return {
    notified,
    sentNow,
    unreachable: unreachable.filter((c) => !notifiedCustomers.has(c)),
    notes,
    complete: notified === action.customers.length,
    events: [...events],
  };
}
