/**
 * The executor: performs a plan through ports, customer notices first, one
 * action at a time. A ledger entry is appended after each accepted side
 * effect (and, for customer e-mail, a write-ahead intent before each batch;
 * see customer-notice.ts), so a crash at any point is resumed exactly once.
 * Warnings and breaches are re-checked just before they are sent. A failed
 * action is reported and the run goes on; once the run's time budget is
 * spent, the rest is left for the next run, so a hanging provider cannot
 * stall a run.
 */
import type { CatalogIndex } from '../catalog/index.ts';
import type { Incident } from '../incident/schema.ts';
import { escapeHtml } from '../text/escape-html.ts';
import { toJstIso } from '../time.ts';
import type { Action } from './actions.ts';
import { legacyNotified, sendCustomerNotice } from './customer-notice.ts';
import type { Directory } from './directory.ts';
import { renderCustomerEmail } from './email.ts';
import { actionComment, trackingIssueBody } from './issue-text.ts';
import { ledgerOf, type Ledger, type LedgerEntry } from '../ledger/ledger.ts';
import type { EmailPort, IssuePort, LedgerPort } from './ports.ts';
import { executionOrder, keys, stillDue } from './plan.ts';

export { BATCH_SIZE } from './ports.ts';

export interface ExecuteContext {
  incidents: ReadonlyMap<string, Incident>;
  catalog: CatalogIndex;
  /** The usable part of the private directory (bad entries already left out and reported). */
  directory: Directory;
  ledger: Ledger;
  email: EmailPort;
  issues: IssuePort;
  store: LedgerPort;
  /** The clock, injected: ledger times are when the provider accepted. */
  clock: () => number;
  /** A cryptographic hash as hex (SHA-256 in production): payload fingerprints, batch keys, pre-ledger-key recipient keys. */
  hash: (text: string) => string;
  /** A keyed MAC as hex (HMAC-SHA256 under STATUS_LEDGER_KEY in production) for recipient keys; absent, customer e-mail is refused. */
  recipientMac?: (text: string) => string;
  /** What is left of the run's time budget, in ms (real time, even under a fixed clock). */
  remainingMs?: () => number;
}

export interface ActionOutcome {
  key: string;
  kind: Action['kind'] | 'directory' | 'dashboard' | 'ledger';
  ok: boolean;
  detail: string;
}

export async function executePlan(plan: readonly Action[], ctx: ExecuteContext): Promise<ActionOutcome[]> {
  const outcomes: ActionOutcome[] = [];
  // Entries written in this run, so later actions see them (the tracking issue's number, batches already sent).
  const recorded = new Map<string, LedgerEntry>();
  const record = async (entry: Omit<LedgerEntry, 'at'>) => {
    const full = { ...entry, at: toJstIso(ctx.clock()) };
    await ctx.store.append(full);
    recorded.set(full.key, full);
  };
  const lookup = (key: string) => recorded.get(key) ?? ctx.ledger.get(key);
  const current = (): Ledger => ledgerOf([...ctx.ledger.entries, ...recorded.values()]);
  const ordered = executionOrder(plan);
  for (const [n, action] of ordered.entries()) {
    if (lookup(action.key)) continue;
    if ((ctx.remainingMs?.() ?? Infinity) <= 0) {
      const left = ordered.slice(n).filter((a) => !lookup(a.key)).length;
      outcomes.push({
        key: action.key,
        kind: action.kind,
        ok: false,
        detail: `not attempted: run time budget spent, ${left} action(s) left for the next run`,
      });
      continue;
    }
    const incident = ctx.incidents.get(action.incident);
    if (
      (action.kind === 'warning' || action.kind === 'breach') &&
      incident &&
      !stillDue(action, incident, ctx.catalog, current(), ctx.clock())
    ) {
      outcomes.push({
        key: action.key,
        kind: action.kind,
        ok: true,
        detail: 'no longer due when its turn came (re-checked at send time); not sent',
      });
      continue;
    }
    try {
      const detail = await perform(action, ctx, record, lookup, current);
      outcomes.push({ key: action.key, kind: action.kind, ok: true, detail });
    } catch (err) {
      outcomes.push({
        key: action.key,
        kind: action.kind,
        ok: false,
        detail: err instanceof Error ? err.message : String(err),
      });
    }
  }
  return outcomes;
}

type Record_ = (entry: Omit<LedgerEntry, 'at'>) => Promise<void>;
type Lookup = (key: string) => LedgerEntry | undefined;

async function perform(
  action: Action,
  ctx: ExecuteContext,
  record: Record_,
  lookup: Lookup,
  current: () => Ledger,
): Promise<string> {
  const incident = ctx.incidents.get(action.incident);
  if (!incident) throw new Error(`incident ${action.incident} not found`);
  // Staff e-mail goes to whoever has an address; one missing address never blocks the others.
  const staffAddresses = (logins: readonly string[]) => {
    const missing = logins.filter((l) => !ctx.directory.staff[l]);
    const to = logins.flatMap((l) => ctx.directory.staff[l] ?? []);
    if (!to.length)
      throw new Error(
        `no address for ${logins.map((l) => `@${l}`).join(', ')} in the private directory; nothing was sent`,
      );
    return {
      to,
      note: missing.length
        ? ` (no address for ${missing.map((l) => `@${l}`).join(', ')} in the private directory: not e-mailed)`
        : '',
    };
  };
  const issueNumber = () => {
    const entry = lookup(keys.trackingIssue(incident.id));
    return entry ? Number(entry.detail.number) : undefined;
  };
  const staffMail = async (logins: readonly string[], subject: string, body: string, key: string) => {
    const { to, note } = staffAddresses(logins);
    const result = await ctx.email.sendBatch(
      [{ to, subject, text: body, html: `<pre>${escapeHtml(body)}</pre>` }],
      key,
    );
    return { id: 'ids' in result ? (result.ids[0] ?? '') : '', note };
  };
  switch (action.kind) {
    case 'customer-email': {
      if (!ctx.recipientMac)
        throw new Error(
          'STATUS_LEDGER_KEY is not set (or shorter than 32 characters): customer e-mail is not sent (a secret of at least 32 characters, e.g. `openssl rand -hex 32`; README, "The SLA engine")',
        );
      const result = await sendCustomerNotice(action, incident, {
        directory: ctx.directory,
        email: ctx.email,
        hash: ctx.hash,
        mac: ctx.recipientMac,
        entries: () => current().ofIncident(incident.id),
        record,
        render: (event) => renderCustomerEmail(incident, { ...action, event }, ctx.catalog),
        legacyNotified: legacyNotified(ctx.ledger.ofIncident(incident.id), incident.id, action.notice ?? action.key),
        now: ctx.clock,
      });
      const notes = result.notes.length ? `; ${result.notes.join('; ')}` : '';
      if (result.complete) {
        await record({
          key: action.key,
          kind: 'customer-email',
          incident: incident.id,
          detail: {
            event: action.event,
            update: action.updateIndex + 1,
            recipients: action.customers.length,
            accepted: result.notified,
            ...(action.notice ? { of: action.notice } : {}),
          },
        });
        return `notice of update ${action.updateIndex + 1} accepted for ${result.notified} customer(s), ${result.sentNow} message(s) sent in this run${result.events.length ? ` (${result.events.join(', ')})` : ''}${notes}`;
      }
      // Only the customers concerned go without: everyone else was sent to. The manager hears of it once per set of unreachable customers.
      const unreachable = result.unreachable;
      const problemKey = `${action.notice ?? action.key}/directory-problem/${ctx.hash(unreachable.join(' ')).slice(0, 12)}`;
      let told = '';
      if (unreachable.length && !lookup(problemKey)) {
        const body = `@${incident.manager} ${unreachable.length} affected customer(s) of ${incident.id} have no usable contact in the private directory and were NOT notified of update ${action.updateIndex + 1}: ${unreachable.join(', ')}. Everyone else was sent to. Fix the directory entry; every run retries until they are notified.`;
        try {
          const { id, note } = await staffMail(
            [incident.manager],
            `[${incident.id}] customers not notified: directory problem`,
            body,
            problemKey,
          );
          const issue = issueNumber();
          if (issue !== undefined) await ctx.issues.comment(issue, body);
          await record({
            key: problemKey,
            kind: 'manager-notification',
            incident: incident.id,
            detail: { update: action.updateIndex + 1, unreachable: unreachable.join(' '), id },
          });
          told = `; manager told${note}`;
        } catch (err) {
          told = `; the manager could not be told (${(err as Error).message})`;
        }
      }
      throw new Error(
        `${action.customers.length - result.notified} of ${action.customers.length} customer(s) not notified (${unreachable.length ? `no usable contact in the private directory: ${unreachable.join(', ')}` : 'sending incomplete'}); ${result.notified} notified, ${result.sentNow} message(s) sent in this run${notes}${told}; retried on the next run`,
      );
    }
    case 'manager-notification': {
      const u = incident.updates[action.updateIndex]!;
      const body = actionComment(action, incident);
      const { id, note } = await staffMail(
        [action.manager],
        `[${incident.id}] update ${action.updateIndex + 1}: ${u.status}`,
        body,
        action.key,
      );
      await record({
        key: action.key,
        kind: 'manager-notification',
        incident: incident.id,
        detail: { update: action.updateIndex + 1, status: u.status, id },
      });
      return `manager @${action.manager} notified of update ${action.updateIndex + 1}${note}`;
    }
    case 'warning':
    case 'breach': {
      const body = actionComment(action, incident);
      const { note } = await staffMail(
        action.recipients,
        `[${incident.id}] ${action.kind === 'breach' ? 'SLA breach' : 'SLA warning'}: ${action.target}`,
        body,
        action.key,
      );
      await record({
        key: action.key,
        kind: action.kind,
        incident: incident.id,
        detail: { target: action.target, deadline: action.deadline },
      });
      const issue = issueNumber();
      let shown = '';
      if (issue !== undefined) {
        try {
          await ctx.issues.comment(issue, body);
          if (action.kind === 'breach') {
            await ctx.issues.addLabel(issue, 'sla-breach');
            await record({
              key: keys.breachOnIssue(incident.id, action.target),
              kind: 'tracking-comment',
              incident: incident.id,
              detail: { number: issue, label: 'sla-breach' },
            });
          }
        } catch (err) {
          shown = `; not yet shown on #${issue} (${(err as Error).message}), retried on the next run`;
        }
      } else if (action.kind === 'breach') shown = '; shown on the tracking issue once it exists';
      return `${action.kind} for ${action.target} sent to ${action.recipients.map((r) => `@${r}`).join(', ')}${note}${shown}`;
    }
    case 'breach-on-issue': {
      const issue = issueNumber();
      if (issue === undefined) throw new Error('no tracking issue yet; it is created first');
      const breach = lookup(keys.breach(incident.id, action.target));
      await ctx.issues.comment(
        issue,
        actionComment(
          {
            ...action,
            kind: 'breach',
            reason: `${action.target === 'notify' ? 'customer notification' : 'recovery'} deadline ${action.deadline} missed (raised ${breach?.at ?? 'earlier'}, shown here now)`,
          },
          incident,
        ),
      );
      await ctx.issues.addLabel(issue, 'sla-breach');
      await record({
        key: action.key,
        kind: 'tracking-comment',
        incident: incident.id,
        detail: { number: issue, label: 'sla-breach' },
      });
      return `breach of ${action.target} shown on #${issue} (labelled sla-breach)`;
    }
    case 'maintenance-reminder': {
      const body = actionComment(action, incident);
      const { note } = await staffMail(
        action.recipients,
        `[${incident.id}] maintenance ${action.moment}`,
        body,
        action.key,
      );
      const issue = issueNumber();
      if (issue !== undefined) await ctx.issues.comment(issue, body);
      await record({
        key: action.key,
        kind: 'maintenance-reminder',
        incident: incident.id,
        detail: { moment: action.moment },
      });
      return `maintenance reminder (${action.moment}) sent${note}`;
    }
    case 'tracking-issue': {
      const issue = await ctx.issues.ensureTrackingIssue(
        incident.id,
        action.title,
        trackingIssueBody(incident, ctx.catalog),
      );
      await record({
        key: action.key,
        kind: 'tracking-issue',
        incident: incident.id,
        detail: { number: issue.number, url: issue.url },
      });
      // Breaches raised while the issue could not be created are shown on it now, in this run.
      const shown: string[] = [];
      for (const target of ['notify', 'recover'] as const) {
        const breach = lookup(keys.breach(incident.id, target));
        if (!breach || lookup(keys.breachOnIssue(incident.id, target))) continue;
        const recipients = [...new Set([incident.manager, incident.responder])];
        const deadline = String(breach.detail.deadline ?? breach.at);
        await perform(
          {
            kind: 'breach-on-issue',
            key: keys.breachOnIssue(incident.id, target),
            incident: incident.id,
            at: breach.at,
            target,
            deadline,
            recipients,
            reason: 'breach raised before the tracking issue existed',
          },
          ctx,
          record,
          lookup,
          current,
        );
        shown.push(target);
      }
      return `tracking issue #${issue.number}${shown.length ? `; earlier breach(es) of ${shown.join(', ')} shown on it and labelled sla-breach` : ''}`;
    }
    case 'tracking-comment': {
      const issue = issueNumber();
      if (issue === undefined) throw new Error('no tracking issue yet; it is created first in the next run');
      const c = await ctx.issues.comment(issue, actionComment(action, incident));
      await record({
        key: action.key,
        kind: 'tracking-comment',
        incident: incident.id,
        detail: { update: action.updateIndex + 1, url: c.url },
      });
      return `update ${action.updateIndex + 1} posted to #${issue}`;
    }
    case 'close-tracking-issue': {
      const issue = issueNumber();
      if (issue === undefined) throw new Error('no tracking issue to close');
      await ctx.issues.closeIssue(issue, actionComment(action, incident));
      await record({
        key: action.key,
        kind: 'tracking-issue',
        incident: incident.id,
        detail: { number: issue, closed: true },
      });
      return `tracking issue #${issue} closed`;
    }
  }
}
