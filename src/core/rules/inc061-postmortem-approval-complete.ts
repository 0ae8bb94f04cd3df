/** INC061: an approved postmortem records its approval; an unapproved one records none. */
import type { FileRule } from './context.ts';
import { defineRule, type Report } from './rule.ts';

const postmortemApprovalComplete: FileRule = ({ incident }) => {
  const pm = incident.postmortem;
  if (!pm) return [];
  if (pm.status === 'approved') {
    const findings: Report[] = [];
    if (!pm.approvers?.length)
      findings.push({ path: ['postmortem', 'status'], message: 'postmortem is approved but names no approvers' });
    if (!pm.approved_at)
      findings.push({ path: ['postmortem', 'status'], message: 'postmortem is approved but approved_at is missing' });
    if (!pm.summary)
      findings.push({
        path: ['postmortem', 'status'],
        message: 'an approved postmortem needs its public summary (postmortem.summary, ja and en)',
      });
    return findings;
  }
  return pm.approvers?.length || pm.approved_at
    ? [
        {
          path: ['postmortem', pm.approvers?.length ? 'approvers' : 'approved_at'],
          message: `postmortem is ${pm.status} but records an approval; set status: approved with the approval, or remove it`,
        },
      ]
    : [];
};

export const INC061 = defineRule({
  code: 'INC061',
  severity: 'error',
  docs: {
    en: {
      title: 'Postmortem approval incomplete',
      why: 'Approval is evidence: who approved and when.',
      right: 'An approved postmortem names its approvers and approved_at; a draft or in-review one names neither.',
    },
    ja: {
      title: '事後レビューの承認が不完全',
      why: '承認は証跡です。誰がいつ承認したかを残します。',
      right:
        '承認済みの事後レビューには approvers と approved_at を書きます。' +
        '下書きやレビュー中のものにはどちらも書きません。',
    },
  },
  check: { file: postmortemApprovalComplete },
});
