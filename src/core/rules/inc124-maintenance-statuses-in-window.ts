/** INC124: a maintenance is not in progress or completed long before its window. */
import { windowProblem } from '../incident/maintenance-window.ts';
import type { FileRule } from './context.ts';
import { defineRule, type Report } from './rule.ts';

const maintenanceStatusesInWindow: FileRule = ({ incident }) => {
  if (incident.type !== 'maintenance' || !incident.window) return [];
  const window = incident.window;
  return incident.updates.flatMap((u, i): Report[] => {
    const problem = windowProblem(window, u.status, u.at);
    return problem ? [{ path: ['updates', i, 'status'], message: `update ${i + 1}: ${problem}` }] : [];
  });
};

export const INC124 = defineRule({
  code: 'INC124',
  severity: 'error',
  docs: {
    en: {
      title: 'Maintenance status outside its window',
      why: 'Customers plan around the announced window; "in progress" or "completed" long before it opens is false.',
      right:
        'Post in_progress, ' +
        'verifying and completed no earlier than 60 minutes before window.start (the stated tolerance for starting early).',
    },
    ja: {
      title: '作業時間帯から外れたメンテナンスの状態',
      why:
        'お客さまは告知された作業時間帯に合わせて準備します。' +
        '作業開始よりずっと前の「実施中」や「完了」は事実と異なります。',
      right:
        'in_progress、verifying、' +
        'completed は window.start の 60 分前（早めの開始として認める幅）より後に投稿します。',
    },
  },
  check: { file: maintenanceStatusesInWindow },
});
