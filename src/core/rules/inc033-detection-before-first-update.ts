/** INC033: detection is at or before the first update. */
import { toMs } from '../time.ts';
import type { FileRule } from './context.ts';
import { defineRule } from './rule.ts';

const detectionBeforeFirstUpdate: FileRule = ({ incident }) => {
  const first = incident.updates[0];
  if (!incident.detection || !first || toMs(incident.detection.at) <= toMs(first.at)) return [];
  return [
    {
      path: ['detection', 'at'],
      message: `detection.at ${incident.detection.at} is after the first update (${first.at}); the clock starts at the earliest signal, before anything is published`,
    },
  ];
};

export const INC033 = defineRule({
  code: 'INC033',
  severity: 'error',
  docs: {
    en: {
      title: 'Detection after the first update',
      why: 'The SLA clock starts at detection; nothing can be published before it.',
      right: 'detection.at is at or before the first update.',
    },
    ja: {
      title: '最初の更新より後の検知',
      why: 'SLA の計測は検知から始まります。検知より前に公開されたものはありえません。',
      right: 'detection.at を最初の更新と同時かそれより前にします。',
    },
  },
  check: { file: detectionBeforeFirstUpdate },
});
