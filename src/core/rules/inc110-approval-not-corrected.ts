/** INC110: no correction touches a postmortem's approval. */
import { parseDataPath } from '../findings.ts';
import type { FileRule } from './context.ts';
import { defineRule } from './rule.ts';

/** Postmortem fields that make up the approval; no correction may change them. */
const APPROVAL_FIELDS = ['status', 'approvers', 'approved_at', 'document'];

const approvalNotCorrected: FileRule = ({ incident }) =>
  (incident.corrections ?? []).flatMap((c, i) => {
    const path = parseDataPath(c.field);
    // The summary is what the approvers approved (and what the page shows): frozen with the approval.
    const summary = path?.[1] === 'summary' && incident.postmortem?.status === 'approved';
    const hit =
      path?.[0] === 'postmortem' && (path.length === 1 || APPROVAL_FIELDS.includes(String(path[1])) || summary);
    return hit
      ? [
          {
            path: ['corrections', i, 'field'],
            message: `correction ${i + 1} changes ${c.field}; an approval is proven by reviews on a pull request and is never corrected`,
          },
        ]
      : [];
  });

export const INC110 = defineRule({
  code: 'INC110',
  severity: 'error',
  docs: {
    en: {
      title: 'Approval changed by a correction',
      why:
        'An approval is proven by reviews on the pull request that records it; ' +
        'a correction would let anyone rewrite who approved and when without a review.',
      right:
        'Never correct postmortem.status, approvers, approved_at or document. ' +
        "An approved postmortem's summary is what was approved: it is never corrected either. " +
        'Record an approval only in a reviewed pull request (the review workflow proves it); to revise, ' +
        'withdraw it (status: in_review) and get it approved again.',
    },
    ja: {
      title: '訂正による承認の変更',
      why:
        '承認は、それを記録したプルリクエストのレビューで証明されます。' +
        '訂正を許すと、誰がいつ承認したかをレビューなしで書き換えられてしまいます。',
      right:
        'postmortem.status、approvers、approved_at、document は訂正しません。' +
        '承認済みの事後レビューの summary も承認された内容なので訂正しません。' +
        '承認はレビュー済みのプルリクエストでだけ記録します（review ワークフローが証明します）。' +
        '見直すときは承認を取り下げ（status: in_review）、改めて承認を得ます。',
    },
  },
  check: { file: approvalNotCorrected },
});
