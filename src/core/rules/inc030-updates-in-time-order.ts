/** INC030: updates are in time order. */
import { toMs } from '../time.ts';
import type { FileRule } from './context.ts';
import { defineRule } from './rule.ts';

const updatesInTimeOrder: FileRule = ({ incident }) =>
  incident.updates.flatMap((u, i) => {
    const prev = incident.updates[i - 1];
    if (!prev || toMs(u.at) >= toMs(prev.at)) return [];
    return [
      {
        path: ['updates', i, 'at'],
        message: `update ${i + 1} at ${u.at} is earlier than update ${i} at ${prev.at}; append updates in time order`,
      },
    ];
  });

export const INC030 = defineRule({
  code: 'INC030',
  severity: 'error',
  docs: {
    en: {
      title: 'Updates out of order',
      why: 'The timeline is read in order by customers, the SLA clocks and auditors.',
      right: 'Append updates in time order: each "at" is the same as or later than the one before.',
    },
    ja: {
      title: '更新の順序が逆',
      why: 'お客さま、SLA の計測、監査人は、経過を順に読みます。',
      right: '更新は時刻順に追記します。各「at」は直前の更新と同じか、それより後にします。',
    },
  },
  check: { file: updatesInTimeOrder },
});
