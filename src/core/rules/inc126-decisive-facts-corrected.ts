/** INC126: the facts that decide SLA figures change only on the audit trail once published as resolved. */
import type { Incident } from '../incident/schema.ts';
import { correctedSinceBase } from './against-base.ts';
import { defineRule, type Report } from './rule.ts';

/**
 * recovered_at decides the recovery target and severity whether a
 * postmortem is required. Once the base is resolved both are final unless a
 * correction says otherwise (or a reopen clears recovered_at); while open,
 * severity changes only together with a published update. A closed incident
 * is INC095's.
 */
function decisiveFacts(base: Incident, head: Incident): Report[] {
  if (base.closed_at) return [];
  const covered = correctedSinceBase(base, head);
  const findings: Report[] = [];
  const baseResolved = base.updates.at(-1)?.status === 'resolved';
  const reopened = head.updates.slice(base.updates.length).some((u) => u.status === 'investigating');
  if (baseResolved && !reopened && base.recovered_at !== head.recovered_at && !covered(['recovered_at'])) {
    findings.push({
      path: head.recovered_at !== undefined ? ['recovered_at'] : [],
      message:
        `recovered_at changed from ${JSON.stringify(base.recovered_at)} to ${JSON.stringify(head.recovered_at)} on a resolved incident; ` +
        'it decides whether the recovery target was met, so it changes only through a correction (field: recovered_at)',
    });
  }
  if (base.severity !== undefined && base.severity !== head.severity && !covered(['severity'])) {
    const withUpdate = head.updates.length > base.updates.length;
    if ((baseResolved && !reopened) || !withUpdate) {
      findings.push({
        path: head.severity !== undefined ? ['severity'] : [],
        message:
          `severity changed from ${base.severity} to ${head.severity ?? 'nothing'} ${baseResolved ? 'on a resolved incident' : 'without a new update'}; ` +
          `it decides whether a postmortem is required, so change it ${baseResolved ? 'only through a correction (field: severity)' : 'together with the update that explains it, or through a correction'}`,
      });
    }
  }
  return findings;
}

export const INC126 = defineRule({
  code: 'INC126',
  severity: 'error',
  docs: {
    en: {
      title: 'Decisive fact changed without a correction',
      why:
        'recovered_at decides whether the recovery target was met and severity whether a postmortem is required; ' +
        'once published as resolved they change only on the audit trail.',
      right:
        'Keep the value, or append a corrections entry (field, old, new, reason, by). ' +
        'Reopening the incident clears recovered_at.',
    },
    ja: {
      title: '訂正なしに変えられた決定的な事実',
      why:
        'recovered_at は復旧目標を達成したかを、severity は事後レビューが必要かを決めます。' +
        '復旧として公開した後は、監査の記録を通してだけ変えられます。',
      right: '値をそのままにするか、corrections に項目（field、old、new、reason、by）を追記します。',
    },
    example:
      'corrections:\n  - at: "2026-11-21T09:00:00+09:00"\n    field: recovered_at\n' +
      '    old: "2026-11-20T11:04:00+09:00"\n    new: "2026-11-20T10:58:00+09:00"\n' +
      '    reason: Metrics show recovery six minutes earlier\n    by: your-login',
  },
  check: { base: decisiveFacts },
});
