/** INC113: a postmortem is approved after the incident was resolved. */
import { reopenIndexes } from '../incident/status-machine.ts';
import { toMs } from '../time.ts';
import type { FileRule } from './context.ts';
import { defineRule } from './rule.ts';

/**
 * Measured against the first resolution: a later reopen must not make a live
 * update (or the fast lane) fail on an approval given before it. But closing
 * is another matter: a reopen after the approval withdraws it (the approved
 * postmortem never covered the reopen), so a closed incident needs an
 * approval given after its last resolution.
 */
const approvalAfterResolution: FileRule = ({ incident }) => {
  const pm = incident.postmortem;
  if (pm?.status !== 'approved' || !pm.approved_at) return [];
  const resolved = incident.updates.find((u) => u.status === 'resolved' || u.status === 'completed');
  if (!resolved) {
    return [
      {
        path: ['postmortem', 'approved_at'],
        message: `the postmortem is approved (${pm.approved_at}) but the incident was never resolved; a postmortem is approved after the incident is resolved`,
      },
    ];
  }
  if (toMs(pm.approved_at) < toMs(resolved.at)) {
    return [
      {
        path: ['postmortem', 'approved_at'],
        message: `approved_at ${pm.approved_at} is before the incident was resolved (${resolved.at}); a postmortem is approved after the incident is resolved`,
      },
    ];
  }
  if (incident.closed_at) {
    const approvedAt = toMs(pm.approved_at);
    const reopen = reopenIndexes(incident.updates.map((u) => u.status))
      .map((i) => incident.updates[i]!)
      .find((u) => toMs(u.at) > approvedAt);
    const lastResolution = incident.updates.findLast((u) => u.status === 'resolved' || u.status === 'completed')!;
    if (reopen && approvedAt < toMs(lastResolution.at)) {
      return [
        {
          path: ['postmortem', 'approved_at'],
          message:
            `the incident was reopened at ${reopen.at}, after the postmortem was approved (${pm.approved_at}); ` +
            'a reopen withdraws the approval, so it does not close the incident: ' +
            `cover the reopen in the postmortem and approve it again after the last resolution (${lastResolution.at}), proven on the pull request, then close`,
        },
      ];
    }
  }
  return [];
};

export const INC113 = defineRule({
  code: 'INC113',
  severity: 'error',
  docs: {
    en: {
      title: 'Approval before resolution',
      why:
        'A postmortem analyses a resolved incident; ' +
        'an approval dated before the incident was resolved cannot be real.',
      right:
        'approved_at is the time the approving reviews were given, ' +
        'after the incident was resolved (and not in the future, INC034). ' +
        'A reopen after the approval withdraws it: to close the incident, ' +
        'approve the postmortem again after the last resolution.',
    },
    ja: {
      title: '復旧前の承認',
      why: '事後レビューは復旧したインシデントを分析するものです。復旧より前の日付の承認はありえません。',
      right:
        'approved_at は承認のレビューが行われた時刻で、' +
        'インシデントの復旧より後にします（未来の時刻にはしません。INC034）。' +
        '承認後に再発（reopen）した場合、その承認は取り下げられたものとみなします。' +
        'クローズするには最後の復旧より後に改めて承認を得ます。',
    },
  },
  check: { file: approvalAfterResolution },
});
