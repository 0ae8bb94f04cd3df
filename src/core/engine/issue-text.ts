/** What the engine writes on GitHub: tracking issues, their comments, the dashboard. Markdown, English (engineers). */
import type { CatalogIndex } from '../catalog/index.ts';
import { formatJst } from '../i18n/format.ts';
import type { Incident } from '../incident/schema.ts';
import { incidentPath } from '../incident/paths.ts';
import { stageOf, postmortemReasons } from '../incident/lifecycle.ts';
import { evaluateSla, type TargetFigures } from '../sla/clock.ts';
import { endOfJstDayMs } from '../time.ts';
import type { Action } from './actions.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { notifiedOf } from '../sla/notified.ts';

export const trackingMarker = (id: string) => `<!-- status-portal:tracking:${id} -->`;
export const DASHBOARD_MARKER = '<!-- status-portal:dashboard -->';
const LAST_RUN = /<!-- status-portal:last-run:([^ ]+) -->/;

/** The dashboard doubles as the engine's heartbeat: it records when the last successful run happened. */
export function lastRunOf(dashboardBody: string | undefined): number | undefined {
  const m = dashboardBody ? LAST_RUN.exec(dashboardBody) : null;
  return m ? Date.parse(m[1]!) : undefined;
}

export function trackingIssueBody(incident: Incident, catalog: CatalogIndex): string {
  return [
    trackingMarker(incident.id),
    `Tracking issue for **${incident.id}**, kept open until the incident is closed. Every status update is posted here and mentions the manager.`,
    '',
    `- Service: ${catalog.service(incident.service)?.name.en ?? incident.service}`,
    `- Type / severity / scope: ${incident.type} / ${incident.severity ?? '-'} / ${incident.scope}`,
    `- Manager: @${incident.manager} · Responder: @${incident.responder}`,
    `- File: \`${incidentPath(incident.id)}\``,
  ].join('\n');
}

export function actionComment(action: Action, incident: Incident): string {
  const mention = `@${incident.manager}`;
  switch (action.kind) {
    case 'manager-notification':
    case 'tracking-comment': {
      const u = incident.updates[action.updateIndex]!;
      return `${mention} update ${action.updateIndex + 1}: **${u.status}** at ${formatJst(u.at, 'en')}\n\n> ${u.message.en}\n> ${u.message.ja}`;
    }
    case 'warning':
      return `${action.recipients.map((r) => `@${r}`).join(' ')} ⚠️ ${action.minutesLeft} minute(s) left until the **${action.target === 'notify' ? 'customer notification' : 'recovery'}** deadline (${formatJst(action.deadline, 'en')}).`;
    case 'breach':
      return `${action.recipients.map((r) => `@${r}`).join(' ')} 🚨 **SLA breach**: ${action.reason}. A postmortem is now required; record the breach reason in it.`;
    case 'maintenance-reminder':
      return `${action.recipients.map((r) => `@${r}`).join(' ')} 🛠 maintenance ${action.moment === 'before-start' ? 'starts soon' : action.moment === 'start' ? 'window is open' : 'window has closed'}: ${action.reason}.`;
    case 'close-tracking-issue':
      return `Incident closed at ${formatJst(action.closedAt, 'en')}: resolved, reviewed and prevention done. Closing the tracking issue.`;
    default:
      return action.reason;
  }
}

/** What went wrong in the run, shown until it is fixed (each run rewrites the dashboard). Never addresses: directory problems name entries by path. */
export interface RunProblems {
  directory: readonly string[];
  failed: readonly string[];
  /** Ledger lines that are not entries (file:line: what), skipped by this run. */
  ledger?: readonly string[];
}

/** A long list stays readable (an issue body is limited): the first 50, then how many more. */
function capped(lines: readonly string[], max = 50): string[] {
  const shown = lines.slice(0, max).map((p) => `- ${p.replace(/\n/g, ' ')}`);
  return lines.length > max ? [...shown, `- … and ${lines.length - max} more (see the run's summary)`] : shown;
}

export function dashboardBody(
  incidents: readonly Incident[],
  catalog: CatalogIndex,
  ledger: Ledger,
  now: number,
  heartbeat?: string,
  problems?: RunProblems,
): string {
  const open = incidents.filter((i) => stageOf(i) !== 'closed' && i.type !== 'maintenance');
  const figures = (t: TargetFigures | undefined) =>
    t ? `${t.state}${t.state === 'running' ? ` (${t.leftMinutes} min left)` : ''}, by ${formatJst(t.by, 'en')}` : '-';
  const rows = open.map((i) => {
    const service = catalog.service(i.service);
    const sla = service ? evaluateSla(i, service, now, notifiedOf(i, ledger).at) : undefined;
    const overdue = (i.prevention ?? [])
      .filter((a) => (a.status === 'open' || a.status === 'in_progress') && endOfJstDayMs(a.due) < now)
      .map((a) => a.id);
    const pm = postmortemReasons(i, service, now, ledger).length
      ? (i.postmortem?.status ?? '**missing**')
      : 'not required';
    // Related incidents sit side by side here as on the site; each row keeps its own clocks.
    const related = i.related?.length ? ` (related: ${i.related.join(', ')})` : '';
    return `| ${i.id}${related} | ${stageOf(i)} | ${i.updates.at(-1)!.status} | ${figures(sla?.notify)} | ${figures(sla?.recover)} | ${pm} | ${overdue.join(', ') || '-'} | @${i.manager} |`;
  });
  return [
    DASHBOARD_MARKER,
    `<!-- status-portal:last-run:${new Date(now).toISOString()} -->`,
    `Every incident not yet closed, as of ${formatJst(now, 'en')}. Updated in place by the SLA engine on every run.`,
    ...(heartbeat ? ['', `> [!WARNING]\n> Engine heartbeat: ${heartbeat}`] : []),
    '',
    '| incident | stage | status | notification | recovery | postmortem | overdue prevention | manager |',
    '|---|---|---|---|---|---|---|---|',
    ...(rows.length ? rows : ['| (none) | | | | | | | |']),
    ...(problems?.directory.length
      ? [
          '',
          '### Private directory problems',
          '',
          'Only the recipients named here go without e-mail; everyone else is sent to. Retried on every run until fixed.',
          '',
          ...capped(problems.directory),
        ]
      : []),
    ...(problems?.ledger?.length
      ? [
          '',
          '### Ledger lines skipped',
          '',
          'A torn last line is a write cut off by a crash: nothing was recorded by it, and it stays ignored. Any other line is damage to restore from history; until then the run goes on without it (customer e-mail included).',
          '',
          ...capped(problems.ledger),
        ]
      : []),
    ...(problems?.failed.length
      ? ['', '### Failed in the last run (retried on the next)', '', ...capped(problems.failed)]
      : []),
  ].join('\n');
}
