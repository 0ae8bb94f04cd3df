/** INC063: an accepted risk names who accepted it. */
import type { FileRule } from './context.ts';
import { defineRule } from './rule.ts';

const riskAcceptedHasOwner: FileRule = ({ incident }) =>
  (incident.prevention ?? []).flatMap((a, i) =>
    a.status === 'risk_accepted' && !a.accepted_by
      ? [
          {
            path: ['prevention', i, 'status'],
            message: `prevention action ${a.id} is risk_accepted but accepted_by is missing`,
          },
        ]
      : [],
  );

export const INC063 = defineRule({
  code: 'INC063',
  severity: 'error',
  docs: {
    en: {
      title: 'Risk acceptance without owner',
      why: 'Accepting a risk is a manager decision that auditors sample.',
      right: 'A risk_accepted action names accepted_by.',
    },
    ja: {
      title: '責任者のいないリスク受容',
      why: 'リスクの受容は管理者の判断で、監査人が抽出して確認します。',
      right: 'risk_accepted の対策には accepted_by を書きます。',
    },
  },
  check: { file: riskAcceptedHasOwner },
});
