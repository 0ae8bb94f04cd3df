/** INC064: a resolved incident that needs a postmortem has one recorded. */
import { isFinished, postmortemReasons, POSTMORTEM_REASON_TEXT } from '../incident/lifecycle.ts';
import type { FileRule } from './context.ts';
import { defineRule } from './rule.ts';

const postmortemWhenRequired: FileRule = ({ incident, catalog, now, ledger }) => {
  if (!isFinished(incident) || incident.postmortem || incident.closed_at) return [];
  const reasons = postmortemReasons(incident, catalog.service(incident.service), now, ledger);
  if (!reasons.length) return [];
  // While the incident is being reviewed, a missing postmortem is a reminder, not a blocker; INC060 blocks the closure.
  return [
    {
      severity: 'warning',
      path: ['updates', incident.updates.length - 1, 'status'],
      message: `a postmortem is required because ${reasons.map((r) => POSTMORTEM_REASON_TEXT[r]).join(' and ')}; none is recorded yet`,
    },
  ];
};

export const INC064 = defineRule({
  code: 'INC064',
  severity: 'warning',
  docs: {
    en: {
      title: 'Postmortem required',
      why:
        'sev1/sev2, security incidents, ' +
        'reopens and every SLA breach (a missed recovery or customer-notification target, ' +
        'judged from the ledger, or any breach the SLA engine raised) require a postmortem before closing.',
      right: 'Record the postmortem (postmortem: { status: draft }) and get it approved before closing.',
    },
    ja: {
      title: '事後レビューが必要',
      why:
        'SEV1・SEV2、セキュリティインシデント、SLA 未達、再開したインシデントは、' +
        'クローズの前に事後レビューが必要です。',
      right: '事後レビューを記録し（postmortem: { status: draft }）、クローズの前に承認を得ます。',
    },
  },
  check: { file: postmortemWhenRequired },
});
