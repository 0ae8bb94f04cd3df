/**
 * The executor: performs a plan through ports, one action at a time, and
 * appends a ledger entry after each accepted side effect, so a crash loses at
 * most the entry of the action in flight, and the retry reuses the same
 * idempotency key. A failed action is reported and the run goes on.
 */
import type { CatalogIndex } from '../catalog/index.ts';
import type { Incident } from '../incident/schema.ts';
import { toJstIso } from '../time.ts';
import type { Action } from './actions.ts';
import type { Directory } from './directory.ts';
import { renderCustomerEmail } from './email.ts';
import { actionComment, trackingIssueBody } from './issue-text.ts';
import type { Ledger, LedgerEntry } from './ledger.ts';
import type { EmailPort, IssuePort, LedgerPort, OutgoingEmail } from './ports.ts';
import { keys } from './plan.ts';

export const BATCH_SIZE = 100;

export interface ExecuteContext {
  incidents: ReadonlyMap<string, Incident>;
  catalog: CatalogIndex;
  directory: Directory;
  ledger: Ledger;
  email: EmailPort;
  issues: IssuePort;
  store: LedgerPort;
  /** The clock, injected: ledger times are when the provider accepted. */
  clock: () => number;
}

export interface ActionOutcome {
  key: string;
  kind: Action['kind'];
  ok: boolean;
  detail: string;
}

export async function executePlan(plan: readonly Action[], ctx: ExecuteContext): Promise<ActionOutcome[]> {
  const outcomes: ActionOutcome[] = [];
  // Entries written in this run, so later actions see them (the tracking issue's number).
  const recorded = new Map<string, LedgerEntry>();
  const record = async (entry: Omit<LedgerEntry, 'at'>) => {
    const full = { ...entry, at: toJstIso(ctx.clock()) };
    await ctx.store.append(full);
    recorded.set(full.key, full);
  };
  const lookup = (key: string) => recorded.get(key) ?? ctx.ledger.get(key);
  for (const action of plan) {
    if (lookup(action.key)) continue;
    try {
      const detail = await perform(action, ctx, record, lookup);
      outcomes.push({ key: action.key, kind: action.kind, ok: true, detail });
    } catch (err) {
      outcomes.push({ key: action.key, kind: action.kind, ok: false, detail: err instanceof Error ? err.message : String(err) });
    }
  }
  return outcomes;
}

type Record_ = (entry: Omit<LedgerEntry, 'at'>) => Promise<void>;
type Lookup = (key: string) => LedgerEntry | undefined;

async function perform(action: Action, ctx: ExecuteContext, record: Record_, lookup: Lookup): Promise<string> {
  const incident = ctx.incidents.get(action.incident);
  if (!incident) throw new Error(`incident ${action.incident} not found`);
  const staffAddress = (login: string) => {
    const address = ctx.directory.staff[login];
    if (!address) throw new Error(`no address for @${login} in the private directory`);
    return address;
  };
  const issueNumber = () => {
    const entry = lookup(keys.trackingIssue(incident.id));
    return entry ? Number(entry.detail.number) : undefined;
  };
  switch (action.kind) {
    case 'customer-email': {
      const rendered = renderCustomerEmail(incident, action, ctx.catalog);
      const messages: OutgoingEmail[] = action.customers.map((c) => {
        const contacts = ctx.directory.customers[c]?.contacts;
        if (!contacts) throw new Error(`customer ${c} has no contacts in the private directory; nothing was sent for this update`);
        return { to: contacts, ...rendered };
      });
      let accepted = 0;
      const ids: string[] = [];
      for (let b = 0; b * BATCH_SIZE < messages.length; b++) {
        const batchKey = `${action.key}/batch-${b + 1}`;
        const batch = messages.slice(b * BATCH_SIZE, (b + 1) * BATCH_SIZE);
        if (lookup(batchKey)) {
          accepted += batch.length;
          continue;
        }
        const batchIds = await ctx.email.sendBatch(batch, batchKey);
        ids.push(...batchIds);
        accepted += batch.length;
        await record({ key: batchKey, kind: 'customer-email', incident: incident.id, detail: { messages: batch.length, ids: batchIds.join(' ') } });
      }
      await record({ key: action.key, kind: 'customer-email', incident: incident.id, detail: { event: action.event, update: action.updateIndex + 1, recipients: messages.length, accepted } });
      return `${action.event} notice accepted for ${accepted} customer(s)`;
    }
    case 'manager-notification': {
      const u = incident.updates[action.updateIndex]!;
      const body = actionComment(action, incident);
      const [id] = await ctx.email.sendBatch([{ to: [staffAddress(action.manager)], subject: `[${incident.id}] update ${action.updateIndex + 1}: ${u.status}`, text: body, html: `<pre>${escapeHtml(body)}</pre>` }], action.key);
      await record({ key: action.key, kind: 'manager-notification', incident: incident.id, detail: { update: action.updateIndex + 1, status: u.status, id: id ?? '' } });
      return `manager @${action.manager} notified of update ${action.updateIndex + 1}`;
    }
    case 'warning':
    case 'breach': {
      const body = actionComment(action, incident);
      const to = action.recipients.map(staffAddress);
      await ctx.email.sendBatch([{ to, subject: `[${incident.id}] ${action.kind === 'breach' ? 'SLA breach' : 'SLA warning'}: ${action.target}`, text: body, html: `<pre>${escapeHtml(body)}</pre>` }], action.key);
      const issue = issueNumber();
      if (issue !== undefined) {
        await ctx.issues.comment(issue, body);
        if (action.kind === 'breach') await ctx.issues.addLabel(issue, 'sla-breach');
      }
      await record({ key: action.key, kind: action.kind, incident: incident.id, detail: { target: action.target, deadline: action.deadline } });
      return `${action.kind} for ${action.target} sent to ${action.recipients.map((r) => `@${r}`).join(', ')}`;
    }
    case 'maintenance-reminder': {
      const body = actionComment(action, incident);
      await ctx.email.sendBatch([{ to: action.recipients.map(staffAddress), subject: `[${incident.id}] maintenance ${action.moment}`, text: body, html: `<pre>${escapeHtml(body)}</pre>` }], action.key);
      const issue = issueNumber();
      if (issue !== undefined) await ctx.issues.comment(issue, body);
      await record({ key: action.key, kind: 'maintenance-reminder', incident: incident.id, detail: { moment: action.moment } });
      return `maintenance reminder (${action.moment}) sent`;
    }
    case 'tracking-issue': {
      const issue = await ctx.issues.ensureTrackingIssue(incident.id, action.title, trackingIssueBody(incident, ctx.catalog));
      await record({ key: action.key, kind: 'tracking-issue', incident: incident.id, detail: { number: issue.number, url: issue.url } });
      return `tracking issue #${issue.number}`;
    }
    case 'tracking-comment': {
      const issue = issueNumber();
      if (issue === undefined) throw new Error('no tracking issue yet; it is created first in the next run');
      const c = await ctx.issues.comment(issue, actionComment(action, incident));
      await record({ key: action.key, kind: 'tracking-comment', incident: incident.id, detail: { update: action.updateIndex + 1, url: c.url } });
      return `update ${action.updateIndex + 1} posted to #${issue}`;
    }
    case 'close-tracking-issue': {
      const issue = issueNumber();
      if (issue === undefined) throw new Error('no tracking issue to close');
      await ctx.issues.closeIssue(issue, actionComment(action, incident));
      await record({ key: action.key, kind: 'tracking-issue', incident: incident.id, detail: { number: issue, closed: true } });
      return `tracking issue #${issue} closed`;
    }
  }
}


function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
