/** INC010: the id starts with the JST date the incident (or maintenance window) started. */
import { toMs, jstDate } from '../time.ts';
import type { FileRule } from './context.ts';
import { defineRule } from './rule.ts';

const idDateMatchesStart: FileRule = ({ incident }) => {
  const start = incident.type === 'maintenance' ? incident.window?.start : incident.detection?.at;
  if (!start) return [];
  const date = jstDate(toMs(start));
  return incident.id.startsWith(date)
    ? []
    : [
        {
          path: ['id'],
          message: `id starts with ${incident.id.slice(0, 10)} but the incident started on ${date} (JST)`,
        },
      ];
};

export const INC010 = defineRule({
  code: 'INC010',
  severity: 'warning',
  docs: {
    en: {
      title: 'Id date differs from the start date',
      why: 'The date in the id tells readers when it started; a different date misleads.',
      right: 'Begin the id with the JST date of detection (maintenance: of the window start).',
    },
    ja: {
      title: 'ID の日付が開始日と異なる',
      why: 'ID の日付は、いつ始まったかを読み手に伝えます。違う日付は誤解を招きます。',
      right: 'ID を検知日（メンテナンスは作業開始日）の JST の日付で始めます。',
    },
  },
  check: { file: idDateMatchesStart },
});
