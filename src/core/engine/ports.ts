/** What the executor needs from the outside world; adapters implement these, tests fake them. */
import type { LedgerEntry } from '../ledger/ledger.ts';

export interface OutgoingEmail {
  /** At most the provider's per-message recipient limit; customer notices carry exactly one contact. */
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/**
 * What the provider said about one batch: accepted (its message ids, in
 * order), or a conflict: the same idempotency key was accepted before with a
 * different payload (an edit between a crash and its retry). A conflict means
 * the earlier request under this key was delivered; it is not a failure.
 */
/** E-mails per batch request: the provider's documented maximum. Senders split into batches of this size; the adapter refuses more. */
export const BATCH_SIZE = 100;

export type SendResult = { ids: string[] } | { conflict: 'payload-differs' };

export interface EmailPort {
  /** Sends one batch (≤ BATCH_SIZE messages) with an idempotency key. Throws on failure (after the adapter's own retries). */
  sendBatch(messages: OutgoingEmail[], idempotencyKey: string): Promise<SendResult>;
}

export interface IssuePort {
  /** The tracking issue of an incident: found by its hidden marker, created if absent. */
  ensureTrackingIssue(incident: string, title: string, body: string): Promise<{ number: number; url: string }>;
  comment(issueNumber: number, body: string): Promise<{ url: string }>;
  closeIssue(issueNumber: number, comment: string): Promise<void>;
  addLabel(issueNumber: number, label: string): Promise<void>;
  /** The one dashboard issue, updated in place. */
  upsertDashboard(body: string): Promise<{ number: number; url: string }>;
  /** The dashboard's current body (it carries the heartbeat), if it exists. */
  readDashboard(): Promise<string | undefined>;
}

export interface LedgerPort {
  /** Appends and persists one entry; called before a send (its intent) and after each accepted side effect. */
  append(entry: LedgerEntry): Promise<void>;
}
