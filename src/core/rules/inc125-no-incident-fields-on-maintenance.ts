/** INC125: a maintenance has no severity, recovered_at or reopen_reason. */
import type { FileRule } from './context.ts';
import { defineRule, type Report } from './rule.ts';

const noIncidentFieldsOnMaintenance: FileRule = ({ incident }) => {
  if (incident.type !== 'maintenance') return [];
  const findings: Report[] = [];
  if (incident.severity)
    findings.push({
      path: ['severity'],
      message: 'a maintenance has no severity (it is planned, not an outage); remove severity',
    });
  if (incident.recovered_at)
    findings.push({
      path: ['recovered_at'],
      message: 'a maintenance does not recover; it ends with a "completed" update; remove recovered_at',
    });
  incident.updates.forEach((u, i) => {
    if (u.reopen_reason !== undefined)
      findings.push({
        path: ['updates', i, 'reopen_reason'],
        message: `update ${i + 1}: a maintenance is not reopened; remove reopen_reason`,
      });
  });
  return findings;
};

export const INC125 = defineRule({
  code: 'INC125',
  severity: 'error',
  docs: {
    en: {
      title: 'Field does not belong to a maintenance',
      why:
        'Severity, recovery time and reopening describe unplanned incidents; ' +
        'on a maintenance they would feed the SLA figures with facts that do not exist.',
      right: 'Remove severity, recovered_at and reopen_reason from a maintenance.',
    },
    ja: {
      title: 'メンテナンスにない項目',
      why:
        '重大度、復旧時刻、再開は計画外のインシデントのための項目です。' +
        'メンテナンスに書くと、存在しない事実が SLA の数値に入ります。',
      right: 'メンテナンスからは severity、recovered_at、reopen_reason を削除します。',
    },
  },
  check: { file: noIncidentFieldsOnMaintenance },
});
