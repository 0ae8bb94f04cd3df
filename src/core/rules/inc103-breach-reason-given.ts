/** INC103: a missed SLA target is explained in the postmortem's "SLA breach reason". */
import { postmortemReasons } from '../incident/lifecycle.ts';
import type { FileRule } from './context.ts';
import { postmortemText } from './postmortem-text.ts';
import { defineRule } from './rule.ts';

const breachReasonGiven: FileRule = (ctx) => {
  const pm = postmortemText(ctx);
  if (!pm) return [];
  const { incident, catalog, now, ledger } = ctx;
  const reasons = postmortemReasons(incident, catalog.service(incident.service), now, ledger);
  const missed = [
    reasons.includes('notification-target-missed') ? 'customer-notification' : '',
    reasons.includes('recovery-target-missed') ? 'recovery' : '',
  ].filter(Boolean);
  const reason = pm.sections.get('SLA breach reason');
  if (!missed.length || !reason || !/^No (recovery )?target was missed\b/.test(reason.body)) return [];
  return [
    {
      path: [],
      ...pm.at(reason.line),
      message: `the ${missed.join(' and ')} target was missed, but "SLA breach reason" says no target was missed`,
    },
  ];
};

export const INC103 = defineRule({
  code: 'INC103',
  severity: 'error',
  docs: {
    en: {
      title: 'SLA breach reason missing',
      why:
        'A missed target, recovery or customer notification, ' +
        'must be explained: every breach forces a postmortem with its reason.',
      right: 'Under "SLA breach reason", say why the target was missed.',
    },
    ja: {
      title: 'SLA 未達の理由がない',
      why: '未達の目標には説明が必要です。SLA 未達は、その理由を書いた事後レビューを必須にします。',
      right: '「SLA breach reason」の節に、目標を達成できなかった理由を書きます。',
    },
  },
  check: { file: breachReasonGiven },
});
