/**
 * The evidence package as data: path → file text, deterministic for a given
 * commit (sorted rows, fixed columns, times from the data, never the wall
 * clock), so two exports of one commit are byte-identical. The adapter adds
 * hashes and writes it.
 */
import type { CatalogIndex } from '../catalog/index.ts';
import { renderCustomerEmail } from '../engine/email.ts';
import type { Ledger, LedgerEntry } from '../ledger/ledger.ts';
import { postmortemReasons, isFinished } from '../incident/lifecycle.ts';
import type { Incident } from '../incident/schema.ts';
import { standingApprovals, type Review } from '../review/approval.ts';
import { DAY_MS, endOfJstDayMs, jstDateRangeMs, minutesBetween, toMs } from '../time.ts';
import { dismissedRows } from './dismissed.ts';
import { clocklessRecord, NO_TARGETS, slaRecord, type SlaRecord } from './figures.ts';
import { invalidInPeriod, invalidRow, type InvalidRecord } from './records.ts';
import { managementReport } from './report.ts';
import { LATE_POSTMORTEM_DAYS, thresholdsUsed } from './thresholds.ts';

export interface FileVersion {
  commit: string;
  author: string;
  committedAt: string;
  subject: string;
  /** The pull request that brought the commit to the default branch, when GitHub was asked: its reviews and its commits' authors. */
  pullRequest?: { number: number; mergedAt: string; reviews: Review[]; authors: string[]; unknownAuthors?: string[] };
  /** The incident at this commit, when it parsed. */
  incident?: Incident;
}

export interface AuditInput {
  from: string;
  to: string;
  format: 'json' | 'csv';
  incidents: readonly Incident[];
  /** Incident files at the commit that fail the schema (all of them; the period is applied here). */
  invalid: readonly InvalidRecord[];
  /** Each record's repository path at the commit, by id. */
  paths: ReadonlyMap<string, string>;
  /** The bytes of each incident file at the commit, by id (invalid records by file name). */
  records: ReadonlyMap<string, string | Uint8Array>;
  /** Git history of each incident file, oldest first, by id. */
  histories: ReadonlyMap<string, readonly FileVersion[]>;
  ledger: Ledger;
  catalog: CatalogIndex;
  /** The commit's time: "as of" for every running figure. */
  asOf: number;
  commit: { sha: string; committedAt: string };
}

export type Files = Map<string, string | Uint8Array>;

const inPeriod = (i: Incident, from: number, to: number) => {
  const start = toMs(
    i.type === 'maintenance' ? (i.window?.start ?? i.updates[0]!.at) : (i.detection?.at ?? i.updates[0]!.at),
  );
  return start >= from && start < to;
};

export function selectPopulation(incidents: readonly Incident[], from: string, to: string): Incident[] {
  const period = jstDateRangeMs(from, to);
  return incidents.filter((i) => inPeriod(i, period.from, period.to)).sort((a, b) => (a.id < b.id ? -1 : 1));
}

export function buildPackage(input: AuditInput): Files {
  const population = selectPopulation(input.incidents, input.from, input.to);
  const invalid = input.invalid
    .filter((r) => invalidInPeriod(r, input.from, input.to))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const dismissed = dismissedRows(input.ledger, input.from, input.to);
  const ids = new Set([...population.map((i) => i.id), ...invalid.map((r) => r.id), ...dismissed.map((d) => d.id)]);
  const files: Files = new Map();
  const table = (name: string, rows: Record<string, unknown>[], columns: string[]) =>
    files.set(
      `${name}.${input.format}`,
      input.format === 'json' ? `${JSON.stringify(rows, null, 2)}\n` : csv(rows, columns),
    );

  const sla = population.map((i) => slaRecord(i, input.catalog, input.ledger, input.asOf) ?? maintenanceRow(i));
  // Dismissed candidates are rows too: who decided it was not an incident, and why.
  const rows = [...sla, ...invalid.map(invalidRow), ...dismissed]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map(({ id, ...rest }) => ({ id, file: input.paths.get(id) ?? '', ...rest }));
  table('population', rows, Object.keys(rows[0] ?? EMPTY_ROW));

  const ledger = packagedLedger(input.ledger, ids);
  files.set(`notifications.${input.format}`, notificationsTable(input.ledger, ids, input.format));

  // Pushed updates (webhooks, Slack, Teams): which event reached which endpoint, when, with what answer.
  table(
    'deliveries',
    ledger
      .filter((e) => e.kind === 'webhook')
      .map((e) => ({
        incident: e.incident,
        endpoint: e.detail.endpoint,
        type: e.detail.type,
        event: e.detail.event,
        update: e.detail.update,
        delivered_at: e.at,
        http_status: e.detail.status,
        attempts: e.detail.attempts,
      })),
    ['incident', 'endpoint', 'type', 'event', 'update', 'delivered_at', 'http_status', 'attempts'],
  );

  const transitions = [...ids].sort().flatMap((id) =>
    (input.histories.get(id) ?? []).map((v, n, all) => {
      // Only approvals that stand name an approver; the others are listed with the reason they do not count.
      const approvals = v.pullRequest
        ? standingApprovals(v.pullRequest.reviews, v.pullRequest.authors, v.pullRequest.unknownAuthors)
        : undefined;
      return {
        incident: id,
        commit: v.commit,
        author: v.author,
        committed_at: v.committedAt,
        subject: v.subject,
        change: describeChange(all[n - 1]?.incident, v.incident),
        pull_request: v.pullRequest?.number ?? '',
        merged_at: v.pullRequest?.mergedAt ?? '',
        approvers: approvals?.standing.join(' ') ?? '',
        approvals_not_counted: approvals?.notCounted.map((a) => `${a.user} (${a.reason})`).join('; ') ?? '',
      };
    }),
  );
  table('transitions', transitions, [
    'incident',
    'commit',
    'author',
    'committed_at',
    'subject',
    'change',
    'pull_request',
    'merged_at',
    'approvers',
    'approvals_not_counted',
  ]);

  table(
    'approvals',
    population
      .filter((i) => i.postmortem)
      .map((i) => ({
        incident: i.id,
        required: postmortemReasons(i, input.catalog.service(i.service), input.asOf, input.ledger).join(' ') || 'no',
        status: i.postmortem!.status,
        approvers: (i.postmortem!.approvers ?? []).join(' '),
        approved_at: i.postmortem!.approved_at ?? '',
        document: i.postmortem!.document ?? '',
      })),
    ['incident', 'required', 'status', 'approvers', 'approved_at', 'document'],
  );

  table(
    'prevention',
    population.flatMap((i) =>
      (i.prevention ?? []).map((a) => ({
        incident: i.id,
        id: a.id,
        title: a.title,
        owner: a.owner,
        due: a.due,
        status: a.status,
        accepted_by: a.accepted_by ?? '',
        tracking: a.tracking ?? '',
        overdue:
          (a.status === 'open' || a.status === 'in_progress') && endOfJstDayMs(a.due) < input.asOf ? 'yes' : 'no',
      })),
    ),
    ['incident', 'id', 'title', 'owner', 'due', 'status', 'accepted_by', 'tracking', 'overdue'],
  );

  const late = latePostmortems(population, sla, input.asOf);
  table(
    'exceptions',
    [
      ...invalid.map((r) => ({
        incident: r.id,
        exception: 'invalid record',
        detail: `${r.file}: ${r.findings.join('; ')}`,
      })),
      ...exceptions(population, sla, late, input.asOf),
    ],
    ['incident', 'exception', 'detail'],
  );

  for (const r of invalid) {
    files.set(`incidents/${r.id}/record.md`, input.records.get(r.id) ?? '');
    files.set(`incidents/${r.id}/history.json`, historyJson(input.histories.get(r.id)));
  }
  for (const i of population) {
    files.set(`incidents/${i.id}/record.md`, input.records.get(i.id) ?? '');
    files.set(`incidents/${i.id}/history.json`, historyJson(input.histories.get(i.id)));
    for (const e of ledger.filter((x) => x.incident === i.id && x.kind === 'customer-email')) {
      const update = Number(e.detail.update) - 1;
      const mail = renderCustomerEmail(
        i,
        {
          kind: 'customer-email',
          key: e.key,
          incident: i.id,
          at: e.at,
          reason: '',
          event: String(e.detail.event) as 'initial',
          updateIndex: update,
          customers: [],
        },
        input.catalog,
      );
      files.set(
        `incidents/${i.id}/emails/${e.key.split('/').slice(1).join('-')}.txt`,
        `Subject: ${mail.subject}\nAccepted: ${e.at} (${e.detail.accepted} of ${e.detail.recipients} customers)\n\n${mail.text}`,
      );
    }
  }
  files.set(
    'report.html',
    managementReport({
      title: `Incident management review ${input.from} to ${input.to}`,
      period: { from: input.from, to: input.to },
      generatedAt: input.commit.committedAt,
      commit: input.commit.sha,
      population,
      sla,
      invalid,
      late,
      thresholds: thresholdsUsed(input.catalog, population),
      asOf: input.asOf,
    }),
  );
  return files;
}

/** The ledger entries a package lists: those of its incidents, without batch bookkeeping, by time then key. */
export function packagedLedger(ledger: Ledger, ids: ReadonlySet<string>): LedgerEntry[] {
  return ledger.entries.filter((e) => e.incident && ids.has(e.incident) && !e.key.includes('/batch-')).sort(byKeyAt);
}

/** The notifications file: the one rendering the export writes and verify re-generates (from the package, and from the commit's ledger). */
export function notificationsTable(ledger: Ledger, ids: ReadonlySet<string>, format: 'json' | 'csv'): string {
  const rows = packagedLedger(ledger, ids).map((e) => ({
    incident: e.incident,
    kind: e.kind,
    key: e.key,
    at: e.at,
    detail: Object.entries(e.detail)
      .map(([k, v]) => `${k}=${v}`)
      .join(' '),
  }));
  return format === 'json'
    ? `${JSON.stringify(rows, null, 2)}\n`
    : csv(rows, ['incident', 'kind', 'key', 'at', 'detail']);
}

const historyJson = (versions: readonly FileVersion[] | undefined) =>
  `${JSON.stringify(
    (versions ?? []).map(({ incident: _, ...v }) => v),
    null,
    2,
  )}\n`;

export interface LatePostmortem {
  incident: string;
  /** Still not approved, or approved after the limit. */
  state: 'outstanding' | 'approved late';
  required: string;
  postmortemStatus: string;
  resolvedAt: string;
  days: number;
}

/** Required postmortems not approved within LATE_POSTMORTEM_DAYS of the last resolution: still outstanding, or approved late. */
export function latePostmortems(
  population: readonly Incident[],
  sla: readonly SlaRecord[],
  asOf: number,
): LatePostmortem[] {
  const limit = LATE_POSTMORTEM_DAYS * DAY_MS;
  return population.flatMap((i, n): LatePostmortem[] => {
    const r = sla[n]!;
    const resolved = [...i.updates].reverse().find((u) => u.status === 'resolved');
    if (r.postmortem_required === 'no' || !resolved) return [];
    const base = {
      incident: i.id,
      required: String(r.postmortem_required),
      postmortemStatus: i.postmortem?.status ?? 'not started',
      resolvedAt: resolved.at,
    };
    if (i.postmortem?.status === 'approved') {
      const approvedAt = i.postmortem.approved_at ? toMs(i.postmortem.approved_at) : undefined;
      return approvedAt !== undefined && approvedAt - toMs(resolved.at) > limit
        ? [{ ...base, state: 'approved late' as const, days: Math.floor((approvedAt - toMs(resolved.at)) / DAY_MS) }]
        : [];
    }
    return asOf - toMs(resolved.at) > limit
      ? [{ ...base, state: 'outstanding' as const, days: Math.floor((asOf - toMs(resolved.at)) / DAY_MS) }]
      : [];
  });
}

const EMPTY_ROW: Record<string, unknown> = { id: '', file: '' };

function maintenanceRow(i: Incident): SlaRecord {
  return clocklessRecord({
    ...NO_TARGETS,
    id: i.id,
    service: i.service,
    type: i.type,
    severity: i.severity ?? '',
    scope: i.scope,
    stage: isFinished(i) ? 'completed' : 'open',
    clock_start_rule: 'no SLA clock (planned maintenance)',
    postmortem_status: i.postmortem?.status ?? 'none',
    closed_at: i.closed_at ?? '',
  });
}

function exceptions(
  population: readonly Incident[],
  sla: readonly SlaRecord[],
  late: readonly LatePostmortem[],
  asOf: number,
): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  population.forEach((i, n) => {
    const r = sla[n]!;
    if (r.notify_result === 'missed')
      out.push({
        incident: i.id,
        exception: 'breach: notification',
        detail: `notified ${r.notified_at || 'never'} against ${r.notify_target_minutes} min from ${r.clock_start}`,
      });
    if (r.recover_result === 'missed') {
      // Not recovered yet: the figure is the time so far (as of the commit), said as such, never an empty cell.
      const detail = r.recovered_at
        ? `recovered ${r.recovered_at}, ${r.minutes_to_recover} min against ${r.recover_target_minutes}`
        : `not recovered: ${Math.max(0, minutesBetween(toMs(r.clock_start), asOf))} min against ${r.recover_target_minutes} since clock start ${r.clock_start} (as of the commit)`;
      out.push({ incident: i.id, exception: 'breach: recovery', detail });
    }
    for (const l of late.filter((x) => x.incident === i.id)) {
      out.push({
        incident: i.id,
        exception: l.state === 'outstanding' ? 'late postmortem' : 'postmortem approved late',
        detail: `required (${l.required}), ${l.state === 'outstanding' ? `${l.postmortemStatus} ${l.days} days after resolution` : `approved ${l.days} days after resolution`}`,
      });
    }
    for (const a of i.prevention ?? []) {
      if ((a.status === 'open' || a.status === 'in_progress') && endOfJstDayMs(a.due) < asOf)
        out.push({ incident: i.id, exception: 'overdue action', detail: `${a.id} due ${a.due}, ${a.status}` });
      if (a.status === 'risk_accepted')
        out.push({ incident: i.id, exception: 'risk accepted', detail: `${a.id} by ${a.accepted_by ?? '?'}` });
    }
    i.updates.forEach(
      (u, k) =>
        u.notify_customers === false &&
        out.push({
          incident: i.id,
          exception: 'update not e-mailed',
          detail: `update ${k + 1} marked notify_customers: false`,
        }),
    );
    for (const c of i.corrections ?? [])
      out.push({ incident: i.id, exception: 'correction', detail: `${c.field} by ${c.by} at ${c.at}: ${c.reason}` });
  });
  return out;
}

/** What one commit changed in an incident, in words an auditor can scan. */
export function describeChange(before: Incident | undefined, after: Incident | undefined): string {
  if (!after) return 'not parseable at this commit';
  if (!before) return `declared: ${after.updates.map((u) => u.status).join(' → ')}`;
  const parts: string[] = [];
  const added = after.updates.slice(before.updates.length);
  if (added.length) parts.push(`updates: ${added.map((u) => u.status).join(' → ')}`);
  if (before.severity !== after.severity) parts.push(`severity ${before.severity} → ${after.severity}`);
  if (before.recovered_at !== after.recovered_at) parts.push(`recovered_at ${after.recovered_at ?? 'removed'}`);
  if (before.postmortem?.status !== after.postmortem?.status)
    parts.push(`postmortem ${before.postmortem?.status ?? 'none'} → ${after.postmortem?.status ?? 'none'}`);
  if ((before.prevention?.length ?? 0) !== (after.prevention?.length ?? 0))
    parts.push(`prevention actions ${before.prevention?.length ?? 0} → ${after.prevention?.length ?? 0}`);
  if ((before.corrections?.length ?? 0) < (after.corrections?.length ?? 0))
    parts.push(`corrections +${(after.corrections?.length ?? 0) - (before.corrections?.length ?? 0)}`);
  if (!before.closed_at && after.closed_at) parts.push('closed');
  return parts.join('; ') || 'other fields';
}

function byKeyAt(a: LedgerEntry, b: LedgerEntry): number {
  return a.at < b.at ? -1 : a.at > b.at ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Cells a spreadsheet would run as a formula (OWASP "CSV Injection", CWE-1236), and the marker itself so it round-trips. */
const FORMULA_START = /^[=+\-@\t\r']/;
export const CSV_BOM = '\uFEFF';

/**
 * RFC 4180 CSV with a header row, for Excel as well as for programs: a UTF-8
 * byte-order mark (without it Japanese Excel reads UTF-8 as Shift_JIS),
 * CRLF rows, fields quoted when they hold a comma, quote or line break, and
 * a cell that starts with = + - @ tab CR (or ') prefixed with ' so that no
 * cell runs as a formula; parseCsv() removes exactly that prefix again.
 */
export function csv(rows: readonly Record<string, unknown>[], columns: readonly string[]): string {
  const cell = (v: unknown) => {
    const raw = v === undefined || v === null ? '' : String(v);
    const s = FORMULA_START.test(raw) ? `'${raw}` : raw;
    return /[",\r\n]/.test(s) || s !== raw ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return (
    CSV_BOM + [columns.join(','), ...rows.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n') + '\r\n'
  );
}
