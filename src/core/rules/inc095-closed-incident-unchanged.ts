/** INC095: a closed incident changes only through corrections (or a new approval of its postmortem). */
import { changedLeaves, isWithin } from '../data-path.ts';
import { formatDataPath } from '../findings.ts';
import type { Incident } from '../incident/schema.ts';
import { isReapproval } from '../review/approval.ts';
import { correctedSinceBase, existing } from './against-base.ts';
import { defineRule, type Report } from './rule.ts';

function closedIncidentUnchanged(base: Incident, head: Incident): Report[] {
  if (!base.closed_at) return [];
  const covered = correctedSinceBase(base, head);
  const { corrections: _b, ...baseRest } = base;
  const { corrections: _h, ...headRest } = head;
  // A new approval of the postmortem (later approved_at) is the one other change: the pull request proves it again.
  const reapproved = isReapproval(base, head);
  const findings: Report[] = [];
  for (const path of changedLeaves(baseRest, headRest)) {
    if (reapproved && (isWithin(path, ['postmortem', 'approvers']) || isWithin(path, ['postmortem', 'approved_at'])))
      continue;
    if (!covered(path)) {
      findings.push({
        path: existing(head, path),
        message: `${formatDataPath(path)} changed on an incident closed at ${base.closed_at}; a closed incident changes only through corrections`,
      });
    }
  }
  return findings;
}

export const INC095 = defineRule({
  code: 'INC095',
  severity: 'error',
  docs: {
    en: {
      title: 'Closed incident changed',
      why: 'A closed incident is final evidence.',
      right: 'Change a closed incident only by appending corrections; a new occurrence is a new incident.',
    },
    ja: {
      title: 'クローズ済みインシデントの変更',
      why: 'クローズしたインシデントは確定した証跡です。',
      right: 'クローズ済みのインシデントは訂正の追記だけで変更します。新たな発生は新しいインシデントにします。',
    },
  },
  check: { base: closedIncidentUnchanged },
});
