/** INC051: an unplanned incident has its severity, detection and incident statuses. */
import { belongsTo } from '../incident/status-machine.ts';
import { INCIDENT_STATUSES } from '../incident/schema.ts';
import type { FileRule } from './context.ts';
import { defineRule, type Report } from './rule.ts';

const incidentFields: FileRule = ({ incident }) => {
  if (incident.type === 'maintenance') return [];
  const findings: Report[] = [];
  if (!incident.severity)
    findings.push({ path: ['type'], message: `a ${incident.type} incident needs a severity (sev1–sev4)` });
  if (!incident.detection)
    findings.push({
      path: ['type'],
      message: `a ${incident.type} incident needs detection (source and at): it starts the SLA clock`,
    });
  if (incident.window)
    findings.push({ path: ['window'], message: 'only a maintenance has a window; remove it or set type: maintenance' });
  incident.components.forEach((c, i) => {
    if (c.status === 'under_maintenance') {
      findings.push({
        path: ['components', i, 'status'],
        message: 'under_maintenance is for maintenance only; use degraded_performance, partial_outage or major_outage',
      });
    }
  });
  incident.updates.forEach((u, i) => {
    if (!belongsTo('incident', u.status)) {
      findings.push({
        path: ['updates', i, 'status'],
        message: `"${u.status}" is a maintenance status; an incident uses ${INCIDENT_STATUSES.join(', ')}`,
      });
    }
  });
  return findings;
};

export const INC051 = defineRule({
  code: 'INC051',
  severity: 'error',
  docs: {
    en: {
      title: 'Incident fields',
      why: 'An unplanned event needs a detection source and time (clock start), a severity, and incident statuses.',
      right:
        'A failure, vulnerability or security incident has severity, detection, no window, ' +
        'and statuses investigating / identified / monitoring / resolved.',
    },
    ja: {
      title: 'インシデントの項目',
      why: '計画外の事象には、検知の経路と時刻（計測の開始）、重大度、インシデントの状態が必要です。',
      right:
        '障害・脆弱性・セキュリティのインシデントは、severity と detection を持ち、window を持たず、' +
        '状態は investigating / identified / monitoring / resolved です。',
    },
  },
  check: { file: incidentFields },
});
