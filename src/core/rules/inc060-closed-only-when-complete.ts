/** INC060: an incident is closed only when complete. */
import { isFinished, postmortemReasons, POSTMORTEM_REASON_TEXT } from '../incident/lifecycle.ts';
import type { FileRule } from './context.ts';
import { defineRule, type Report } from './rule.ts';

const closedOnlyWhenComplete: FileRule = ({ incident, catalog, now, ledger }) => {
  if (!incident.closed_at) return [];
  const findings: Report[] = [];
  if (!isFinished(incident)) {
    findings.push({
      path: ['closed_at'],
      message: `closed_at is set but the latest status is "${incident.updates.at(-1)?.status}"; resolve it first`,
    });
  }
  const reasons = postmortemReasons(incident, catalog.service(incident.service), now, ledger);
  if (reasons.length && incident.postmortem?.status !== 'approved') {
    findings.push({
      path: ['closed_at'],
      message: `closed before its postmortem was approved; a postmortem is required because ${reasons.map((r) => POSTMORTEM_REASON_TEXT[r]).join(' and ')}`,
    });
  }
  (incident.prevention ?? []).forEach((a, i) => {
    if (a.status === 'open' || a.status === 'in_progress') {
      findings.push({
        path: ['prevention', i, 'status'],
        message: `closed while prevention action ${a.id} is ${a.status}; finish it or accept the risk`,
      });
    }
  });
  return findings;
};

export const INC060 = defineRule({
  code: 'INC060',
  severity: 'error',
  docs: {
    en: {
      title: 'Closed too early',
      why:
        'An incident is complete only when it is resolved, ' +
        'its postmortem (where required) approved and its prevention actions done ' +
        '(see the incident-management policy in the knowledge base).',
      right:
        'Close only a resolved incident whose required postmortem is approved and whose prevention actions are done or risk-accepted.',
    },
    ja: {
      title: '早すぎるクローズ',
      why:
        'インシデントが完了するのは、復旧し、（必要な場合）事後レビューが承認され、' +
        '再発防止策が終わったときです（インシデント管理の方針）。',
      right:
        '復旧済みで、必要な事後レビューが承認され、' +
        '再発防止策が完了またはリスク受容されたインシデントだけをクローズします。',
    },
  },
  check: { file: closedOnlyWhenComplete },
});
