/** INC036: closed_at comes after everything else. */
import { toMs } from '../time.ts';
import type { FileRule } from './context.ts';
import { defineRule } from './rule.ts';

const closureAfterEverything: FileRule = ({ incident }) => {
  if (!incident.closed_at) return [];
  const closed = toMs(incident.closed_at);
  const last = incident.updates[incident.updates.length - 1];
  const laterThan: [string, string | undefined][] = [
    ['the last update', last?.at],
    ['recovered_at', incident.recovered_at],
    ['postmortem.approved_at', incident.postmortem?.approved_at],
  ];
  return laterThan.flatMap(([what, value]) =>
    value !== undefined && toMs(value) > closed
      ? [{ path: ['closed_at'], message: `closed_at ${incident.closed_at} is before ${what} (${value})` }]
      : [],
  );
};

export const INC036 = defineRule({
  code: 'INC036',
  severity: 'error',
  docs: {
    en: {
      title: 'Closure time inconsistent',
      why: 'An incident is closed only after everything else happened.',
      right: 'closed_at is at or after the last update, recovered_at and the postmortem approval.',
    },
    ja: {
      title: 'クローズ時刻が整合しない',
      why: 'インシデントをクローズするのは、ほかのすべてが終わった後です。',
      right: 'closed_at は、最後の更新、recovered_at、事後レビューの承認と同時かそれより後にします。',
    },
  },
  check: { file: closureAfterEverything },
});
