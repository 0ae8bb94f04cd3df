/** The one sticky pull-request comment: what the PR touches, what merging will send, every finding. */
import type { CatalogIndex } from '../catalog/index.ts';
import type { Action } from '../engine/actions.ts';
import type { Ledger } from '../ledger/ledger.ts';
import { planActions } from '../engine/plan.ts';
import { notifiedOf } from '../sla/notified.ts';
import type { Finding } from '../findings.ts';
import { formatJst } from '../i18n/format.ts';
import { stageOf } from '../incident/lifecycle.ts';
import type { Incident } from '../incident/schema.ts';
import { evaluateSla, type TargetFigures } from '../sla/clock.ts';
import type { ApprovalProblem } from './approval.ts';
import { APPROVAL_RULES } from './approval.ts';

export const PR_COMMENT_MARKER = '<!-- status-portal:pr-bot -->';

/** GitHub refuses an issue or pull-request comment whose body is over 65,536 characters. */
export const COMMENT_LIMIT = 65_536;

export interface TouchedIncident {
  incident: Incident;
  approval?: { problems: ApprovalProblem[] };
}

export function renderPrComment(
  touched: readonly TouchedIncident[],
  findings: readonly Finding[],
  catalog: CatalogIndex,
  ledger: Ledger,
  now: number,
  catalogProblems: readonly ApprovalProblem[] = [],
): string {
  const target = (t: TargetFigures | undefined) =>
    !t
      ? '-'
      : t.state === 'running'
        ? `running, ${t.leftMinutes} min left (by ${formatJst(t.by, 'en').slice(11)})`
        : t.state;
  const rows = touched.map(({ incident }) => {
    const service = catalog.service(incident.service);
    const sla = service ? evaluateSla(incident, service, now, notifiedOf(incident, ledger).at) : undefined;
    const planned = summarise(planActions([incident], catalog, ledger, now));
    return `| \`${incident.id}\` | ${stageOf(incident)} | ${incident.updates.at(-1)!.status} | ${target(sla?.notify)} | ${target(sla?.recover)} | ${planned} |`;
  });
  const errors = findings.filter((f) => f.severity === 'error').length;
  const approvals = touched.filter((t) => t.approval);
  const approvalProblems = [
    ...approvals.flatMap((t) => t.approval!.problems.map((p) => ({ id: t.incident.id, ...p }))),
    ...catalogProblems,
  ];
  const verdict =
    errors || approvalProblems.length
      ? `❌ ${errors} error(s)${approvalProblems.length ? `, ${approvalProblems.length} approval problem(s)` : ''}`
      : `✅ no errors${findings.length ? `, ${findings.length} warning(s)` : ''}`;
  return capComment([
    PR_COMMENT_MARKER,
    `### Incident check: ${verdict}`,
    `As of ${formatJst(now, 'en')}. Updated in place on every push and review.`,
    '',
    touched.length
      ? [
          '| incident | stage | status | notification | recovery | merging will send |',
          '|---|---|---|---|---|---|',
          ...rows,
        ].join('\n')
      : 'This pull request touches no incident.',
    ...(approvals.length
      ? [
          '',
          '#### Postmortem approval',
          ...approvals.map((t) =>
            t.approval!.problems.length
              ? t
                  .approval!.problems.map(
                    (p) => `- ❌ \`${t.incident.id}\` **${p.code}** ${p.message}. ${APPROVAL_RULES[p.code].right}`,
                  )
                  .join('\n')
              : `- ✅ \`${t.incident.id}\`: every required role approved, by non-authors, as recorded`,
          ),
        ]
      : []),
    ...(catalogProblems.length
      ? [
          '',
          '#### Catalog people',
          ...catalogProblems.map((p) => `- ❌ **${p.code}** ${p.message}. ${APPROVAL_RULES[p.code].right}`),
        ]
      : []),
    ...(findings.length
      ? [
          '',
          '#### Findings',
          '| location | rule | problem | what right looks like |',
          '|---|---|---|---|',
          ...findings.map(
            (f) =>
              `| \`${f.file}:${f.line}:${f.column}\` | ${f.code} (${f.severity}) | ${cell(f.message)} | ${cell(f.hint)} |`,
          ),
        ]
      : []),
  ]);
}

/**
 * Keeps the comment under GitHub's limit by dropping whole lines from the end
 * (the verdict and the incidents come first, so they survive) and says where
 * the rest is, so a huge pull request still gets its comment instead of a 422.
 */
export function capComment(parts: readonly string[], limit = COMMENT_LIMIT): string {
  const lines = parts.join('\n').split('\n');
  const whole = lines.join('\n');
  if (whole.length <= limit) return whole;
  const pointer = (n: number) =>
    `\n\n… ${n} more line(s) not shown: GitHub limits a comment to ${limit.toLocaleString('en')} characters. Every finding is in this check's job summary, and \`npm run check -- --base origin/main\` prints them all.`;
  const budget = limit - pointer(lines.length).length;
  let used = 0;
  let kept = 0;
  for (const line of lines) {
    if (used + line.length + 1 > budget) break;
    used += line.length + 1;
    kept++;
  }
  return lines.slice(0, kept).join('\n') + pointer(lines.length - kept);
}

function summarise(actions: readonly Action[]): string {
  const counts = new Map<string, number>();
  for (const a of actions) {
    const label =
      a.kind === 'customer-email'
        ? `customer e-mail (${a.event}, ${a.customers.length} customer${a.customers.length === 1 ? '' : 's'})`
        : a.kind;
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  return [...counts].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)).join(', ') || 'nothing';
}

function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
