/** INC035: recovered_at fits the timeline. */
import { isFinished } from '../incident/lifecycle.ts';
import { toMs } from '../time.ts';
import type { FileRule } from './context.ts';
import { defineRule, type Report } from './rule.ts';

const recoveryFitsTimeline: FileRule = ({ incident }) => {
  if (incident.type === 'maintenance') return [];
  const findings: Report[] = [];
  const statuses = incident.updates.map((u) => u.status);
  const resolvedNow = isFinished(incident);
  if (resolvedNow && !incident.recovered_at) {
    const i = statuses.lastIndexOf('resolved');
    findings.push({
      path: ['updates', i, 'status'],
      message: 'the incident is resolved but recovered_at is missing; record when service was restored',
    });
    return findings;
  }
  if (!incident.recovered_at) return findings;
  const recovered = toMs(incident.recovered_at);
  if (incident.detection && recovered < toMs(incident.detection.at)) {
    findings.push({
      path: ['recovered_at'],
      message: `recovered_at ${incident.recovered_at} is before detection.at ${incident.detection.at}`,
    });
  }
  const lastReopen = statuses.findLastIndex((s, i) => i > 0 && statuses[i - 1] === 'resolved' && s !== 'resolved');
  const reopen = incident.updates[lastReopen];
  if (reopen && recovered < toMs(reopen.at)) {
    findings.push({
      path: ['recovered_at'],
      message: `recovered_at ${incident.recovered_at} is before the reopen at ${reopen.at}; after a reopen, recovered_at is the final recovery`,
    });
  }
  const resolving = incident.updates.findIndex((u, i) => u.status === 'resolved' && i > lastReopen);
  const resolvingUpdate = incident.updates[resolving];
  if (resolvingUpdate && recovered > toMs(resolvingUpdate.at)) {
    findings.push({
      path: ['recovered_at'],
      message: `recovered_at ${incident.recovered_at} is after the resolving update at ${resolvingUpdate.at}; service is recovered before it is announced resolved`,
    });
  }
  return findings;
};

export const INC035 = defineRule({
  code: 'INC035',
  severity: 'error',
  docs: {
    en: {
      title: 'Recovery time inconsistent',
      why: 'recovered_at stops the 2-hour recovery clock; it must fit the timeline.',
      right:
        'A resolved incident has recovered_at after detection (and after any reopen) and at or before the resolving update.',
    },
    ja: {
      title: '復旧時刻が整合しない',
      why: 'recovered_at は 2 時間の復旧目標の計測を止めます。経過と整合していなければなりません。',
      right:
        '復旧したインシデントの recovered_at は、検知（と再開）より後、' +
        '復旧を告げる更新と同時かそれより前にします。',
    },
  },
  check: { file: recoveryFitsTimeline },
});
