/** INC050: a maintenance has its window and maintenance statuses. */
import { belongsTo } from '../incident/status-machine.ts';
import { MAINTENANCE_STATUSES } from '../incident/schema.ts';
import { toMs } from '../time.ts';
import type { FileRule } from './context.ts';
import { defineRule, type Report } from './rule.ts';

const maintenanceFields: FileRule = ({ incident }) => {
  if (incident.type !== 'maintenance') return [];
  const findings: Report[] = [];
  if (!incident.window) {
    findings.push({ path: ['type'], message: 'a maintenance needs window.start and window.end' });
  } else if (toMs(incident.window.start) >= toMs(incident.window.end)) {
    findings.push({
      path: ['window', 'end'],
      message: `window.end ${incident.window.end} is not after window.start ${incident.window.start}`,
    });
  }
  if (incident.detection)
    findings.push({ path: ['detection'], message: 'a maintenance is planned, not detected; remove detection' });
  incident.updates.forEach((u, i) => {
    if (!belongsTo('maintenance', u.status)) {
      findings.push({
        path: ['updates', i, 'status'],
        message: `"${u.status}" is an incident status; a maintenance uses ${MAINTENANCE_STATUSES.join(', ')}`,
      });
    }
  });
  return findings;
};

export const INC050 = defineRule({
  code: 'INC050',
  severity: 'error',
  docs: {
    en: {
      title: 'Maintenance fields',
      why: 'Maintenance is planned: it has a window and its own statuses.',
      right:
        'A maintenance has window.start < window.end and maintenance statuses (scheduled, in_progress, ' +
        'verifying, completed).',
    },
    ja: {
      title: 'メンテナンスの項目',
      why: 'メンテナンスは計画された作業です。作業時間帯と専用の状態を持ちます。',
      right:
        'メンテナンスは window.start < window.end の作業時間帯と、メンテナンスの状態（scheduled、' +
        'in_progress、verifying、completed）を持ちます。',
    },
  },
  check: { file: maintenanceFields },
});
