/**
 * The ledger: an append-only record of every side effect that happened (an
 * e-mail the provider accepted, a manager notified, a breach raised, a page
 * verified live). It, not the scheduler's memory, answers "was this already
 * done?". Each entry has an idempotency key; an action whose key is in the
 * ledger is never planned again.
 */
import { z } from 'zod';
import { DateTimeSchema } from '../schema-parts.ts';

/** The two SLA deadlines: the customer notification and the recovery. */
export type Target = 'notify' | 'recover';

/** Reminders to the team: before the window (announce, prepare), at its start and at its end (post the status). */
export type MaintenanceMoment = 'before-start' | 'start' | 'end';

export const LEDGER_KINDS = ['customer-email', 'manager-notification', 'warning', 'breach', 'tracking-issue', 'tracking-comment', 'page-live', 'maintenance-reminder', 'intake-draft', 'candidate-dismissed', 'webhook'] as const;
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
  /** Every entry about one incident, in ledger order. */
  ofIncident(id: string): readonly LedgerEntry[];
  entries: readonly LedgerEntry[];
}

export function ledgerOf(entries: readonly LedgerEntry[]): Ledger {
  // The first entry of a key wins: a key records when something first happened, and a later duplicate never moves it.
  const byKey = new Map<string, LedgerEntry>();
  const byIncident = new Map<string, LedgerEntry[]>();
  for (const e of entries) {
    if (!byKey.has(e.key)) byKey.set(e.key, e);
    if (!e.incident) continue;
    const list = byIncident.get(e.incident);
    if (list) list.push(e);
    else byIncident.set(e.incident, [e]);
  }
  return { has: (key) => byKey.has(key), get: (key) => byKey.get(key), ofIncident: (id) => byIncident.get(id) ?? [], entries };
}

/** Ledger keys, one per side effect; also the provider's idempotency keys. */
export const keys = {
  customerEmail: (id: string, i: number) => `${id}/customer-email/${i}`,
  manager: (id: string, i: number) => `${id}/manager-notification/${i}`,
  warning: (id: string, t: Target) => `${id}/warning/${t}`,
  breach: (id: string, t: Target) => `${id}/breach/${t}`,
  trackingIssue: (id: string) => `${id}/tracking-issue`,
  trackingComment: (id: string, i: number) => `${id}/tracking-comment/${i}`,
  trackingClosed: (id: string) => `${id}/tracking-issue/closed`,
  /** A breach shown on the tracking issue (comment and `sla-breach` label), recorded apart so an outage is caught up. */
  breachOnIssue: (id: string, t: Target) => `${id}/breach/${t}/on-issue`,
  /** The page verified live showing update number `updates` (from 1), in every language. */
  pageLive: (id: string, updates: number) => `${id}/page-live/${updates}`,
  maintenance: (id: string, moment: MaintenanceMoment) => `${id}/maintenance-reminder/${moment}`,
};

/** A line of a ledger file that is not an entry. `torn`: the file's last line, without its newline (a write cut off by a crash). */
export interface LedgerProblem {
  line: number;
  message: string;
  torn: boolean;
}

/**
 * One JSON object per line: appends never rewrite earlier lines, and git diffs stay readable.
 * Every entry is written with its newline, so a last line without one that is not an entry is a
 * write cut off by a crash (`torn`): that side effect was never recorded as accepted, and the line
 * is ignored by every reader. Any other bad line is a real problem (an edit, a bad merge).
 */
export function parseLedger(text: string, wanted?: (line: string) => boolean): { entries: LedgerEntry[]; problems: LedgerProblem[] } {
  const entries: LedgerEntry[] = [];
  const problems: LedgerProblem[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    // `wanted`: a reader that needs only some entries skips the other lines unparsed (line numbers stay the file's).
    if (!line.trim() || (wanted && !wanted(line))) return;
    const torn = i === lines.length - 1;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      problems.push({ line: i + 1, message: torn ? 'last line cut off (no newline, not valid JSON): a write interrupted by a crash, ignored' : 'not valid JSON', torn });
      return;
    }
    const parsed = LedgerEntrySchema.safeParse(json);
    if (parsed.success) entries.push(parsed.data);
    else problems.push({ line: i + 1, message: `${torn ? 'last line cut off (no newline), ignored: ' : ''}${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`, torn });
  });
  return { entries, problems };
}

/** Which repository paths are ledger files: ledger/<YYYY>/<run>.jsonl. */
export const isLedgerPath = (path: string) => /^ledger\/\d{4}\/[^/]+\.jsonl$/.test(path);

/**
 * Why a file added under ledger/ is not one the SLA engine writes (undefined
 * when it is): ledger/<YYYY>/<run>.jsonl holding at least one entry (the
 * engine creates a file on its first append), every line a ledger entry.
 */
export function newLedgerFileProblem(path: string, text: string): string | undefined {
  if (!isLedgerPath(path)) return 'not a ledger file: ledger files are ledger/<YYYY>/<run>.jsonl';
  const { entries, problems } = parseLedger(text);
  if (problems.length) return `line ${problems[0]!.line} is not a ledger entry (${problems[0]!.message})`;
  if (!entries.length) return 'it holds no ledger entry';
  return undefined;
}

export function formatLedgerLine(entry: LedgerEntry): string {
  // Keys in a fixed order so the file diffs cleanly.
  const { key, kind, incident, at, detail } = entry;
  return `${JSON.stringify({ key, kind, ...(incident ? { incident } : {}), at, detail })}\n`;
}
