/** INC127: reopen_reason only on an update that reopens. */
import type { FileRule } from './context.ts';
import { defineRule, type Report } from './rule.ts';

const reopenReasonOnlyOnReopen: FileRule = ({ incident }) => {
  if (incident.type === 'maintenance') return [];
  return incident.updates.flatMap((u, i): Report[] => {
    if (u.reopen_reason === undefined) return [];
    if (i > 0 && incident.updates[i - 1]!.status === 'resolved' && u.status === 'investigating') return [];
    return [
      {
        path: ['updates', i, 'reopen_reason'],
        message: `update ${i + 1} (${u.status}) does not reopen the incident (only investigating right after resolved does); remove reopen_reason`,
      },
    ];
  });
};

export const INC127 = defineRule({
  code: 'INC127',
  severity: 'error',
  docs: {
    en: {
      title: 'Reopen reason on an update that does not reopen',
      why:
        'A reopen changes the SLA figures and forces a postmortem; ' +
        'a reason on another update claims a reopen that did not happen.',
      right: 'Give reopen_reason only on the investigating update that follows resolved.',
    },
    ja: {
      title: '再開しない更新の再開理由',
      why:
        '再開は SLA の数値を変え、事後レビューを必須にします。' +
        'ほかの更新に理由を書くと、なかった再開を主張することになります。',
      right: 'reopen_reason は、復旧の直後の調査中の更新にだけ書きます。',
    },
  },
  check: { file: reopenReasonOnlyOnReopen },
});
