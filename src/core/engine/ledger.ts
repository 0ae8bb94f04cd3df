/**
 * The ledger: an append-only record of every side effect that happened (an
 * e-mail the provider accepted, a manager notified, a breach raised, a page
 * verified live). It, not the scheduler's memory, answers "was this already
 * done?". Each entry has an idempotency key; an action whose key is in the
 * ledger is never planned again.
 */
import { z } from 'zod';
import { DateTimeSchema } from '../schema-parts.ts';

export const LEDGER_KINDS = ['customer-email', 'manager-notification', 'warning', 'breach', 'tracking-issue', 'tracking-comment', 'page-live', 'maintenance-reminder'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

export const LedgerEntrySchema = z.strictObject({
  /** Idempotency key of the action that produced it. */
  key: z.string().min(1),
  kind: z.enum(LEDGER_KINDS),
  incident: z.string().optional(),
  /** When the side effect was accepted (provider acceptance, API response), RFC 3339. */
  at: DateTimeSchema,
  /** Provider ids, counts, URLs: never addresses or message bodies. */
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
});
export type LedgerEntry = z.output<typeof LedgerEntrySchema>;

export interface Ledger {
  has(key: string): boolean;
  get(key: string): LedgerEntry | undefined;
  entries: readonly LedgerEntry[];
}

export function ledgerOf(entries: readonly LedgerEntry[]): Ledger {
  const byKey = new Map(entries.map((e) => [e.key, e]));
  return { has: (key) => byKey.has(key), get: (key) => byKey.get(key), entries };
}

/** One JSON object per line: appends never rewrite earlier lines, and git diffs stay readable. */
export function parseLedger(text: string): { entries: LedgerEntry[]; problems: { line: number; message: string }[] } {
  const entries: LedgerEntry[] = [];
  const problems: { line: number; message: string }[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      problems.push({ line: i + 1, message: 'not valid JSON' });
      return;
    }
    const parsed = LedgerEntrySchema.safeParse(json);
    if (parsed.success) entries.push(parsed.data);
    else problems.push({ line: i + 1, message: parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ') });
  });
  return { entries, problems };
}

export function formatLedgerLine(entry: LedgerEntry): string {
  // Keys in a fixed order so the file diffs cleanly.
  const { key, kind, incident, at, detail } = entry;
  return `${JSON.stringify({ key, kind, ...(incident ? { incident } : {}), at, detail })}\n`;
}
