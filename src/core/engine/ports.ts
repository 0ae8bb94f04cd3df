/** What the executor needs from the outside world; adapters implement these, tests fake them. */
import type { LedgerEntry } from './ledger.ts';

export interface OutgoingEmail {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface EmailPort {
  /** Sends one batch (≤ 100 messages) with an idempotency key; resolves to the provider's message ids in order. */
  sendBatch(messages: OutgoingEmail[], idempotencyKey: string): Promise<string[]>;
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
  /** Appends and persists one entry; called after each accepted side effect. */
  append(entry: LedgerEntry): Promise<void>;
}
