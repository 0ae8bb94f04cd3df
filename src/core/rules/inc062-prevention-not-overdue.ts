/** INC062: prevention actions are done by their due date. */
import { endOfJstDayMs } from '../time.ts';
import type { FileRule } from './context.ts';
import { defineRule } from './rule.ts';

const preventionNotOverdue: FileRule = ({ incident, now }) =>
  (incident.prevention ?? []).flatMap((a, i) =>
    (a.status === 'open' || a.status === 'in_progress') && endOfJstDayMs(a.due) < now
      ? [
          {
            path: ['prevention', i, 'due'],
            message: `prevention action ${a.id} (${a.owner}) was due ${a.due} and is still ${a.status}`,
          },
        ]
      : [],
  );

export const INC062 = defineRule({
  code: 'INC062',
  severity: 'warning',
  docs: {
    en: {
      title: 'Prevention action overdue',
      why: 'Recurrence prevention is monitored until complete (see the incident-management policy in the knowledge base).',
      right:
        'Finish the action, move its due date with a note in the tracking ticket, ' +
        'or accept the risk (status risk_accepted, accepted_by).',
    },
    ja: {
      title: '期限切れの再発防止策',
      why: '再発防止策は完了するまで監視します（インシデント管理の方針）。',
      right:
        '対策を完了するか、追跡チケットに記録して期限を延ばすか、' +
        'リスクを受容します（status: risk_accepted と accepted_by）。',
    },
  },
  check: { file: preventionNotOverdue },
});
