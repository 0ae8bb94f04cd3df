/**
 * INC111: an approval is proven by reviews on a pull request, so an approved
 * postmortem (its approval and its document) is frozen until it is approved
 * again. The checker cannot see GitHub, but a fabricated approval pushed
 * straight to main fails the recheck there too.
 */
import { deepEqual } from '../data-path.ts';
import type { Incident } from '../incident/schema.ts';
import { isReapproval } from '../review/approval.ts';
import { defineRule, type Report } from './rule.ts';

const approvalOf = (i: Incident) => ({
  approvers: i.postmortem?.approvers ?? [],
  approved_at: i.postmortem?.approved_at,
  document: i.postmortem?.document,
  summary: i.postmortem?.summary,
});

/**
 * An approved postmortem is frozen against the base. Its approval
 * (approvers, approved_at, document) changes only with a new approval (a later
 * approved_at), which the pull request must prove again. Withdrawing it (back
 * to in_review) is allowed: the next approval is proven again.
 */
function approvalRewritten(base: Incident, head: Incident): Report[] {
  if (!frozen(base, head) || deepEqual(approvalOf(base), approvalOf(head))) return [];
  return [
    {
      path: ['postmortem'],
      message:
        `the approval of this postmortem (${base.postmortem?.approved_at}) was rewritten (approvers, approved_at, document or summary) without a new approval; ` +
        'keep it, or record a new approval with a later approved_at and have it approved on the pull request',
    },
  ];
}

/** The document too: an approved postmortem's document changes only with a new approval. */
function approvedDocumentFrozen(
  base: Incident,
  head: Incident,
  baseDocuments: ReadonlyMap<string, Uint8Array | string>,
  headDocuments: ReadonlyMap<string, string> | undefined,
): Report[] {
  const document = base.postmortem?.document;
  if (!frozen(base, head) || !document || !baseDocuments.has(document)) return [];
  const was = baseDocuments.get(document)!;
  const now = headDocuments?.get(document);
  if ((typeof was === 'string' ? was : new TextDecoder().decode(was)) === now) return [];
  return [
    {
      file: document,
      position: { line: 1, column: 1 },
      path: [],
      message:
        `${document} was ${now === undefined ? 'removed' : 'changed'} after its approval on ${base.postmortem?.approved_at}; ` +
        'an approved postmortem is frozen until it is approved again (a later approved_at, proven on the pull request)',
    },
  ];
}

function frozen(base: Incident, head: Incident): boolean {
  return base.postmortem?.status === 'approved' && head.postmortem?.status === 'approved' && !isReapproval(base, head);
}

export const INC111 = defineRule({
  code: 'INC111',
  severity: 'error',
  docs: {
    en: {
      title: 'Approved postmortem rewritten',
      why: 'Auditors rely on the approved document being the one the approvers read.',
      right:
        'Leave an approved postmortem and its document as they are. To change them, ' +
        'record a new approval (a later approved_at, ' +
        'the new approvers) in a pull request whose reviews prove it.',
    },
    ja: {
      title: '承認済みの事後レビューの書き換え',
      why: '監査人は、承認済みの文書が承認者の読んだものと同じであることを前提にしています。',
      right:
        '承認済みの事後レビューとその文書はそのままにします。変更するなら、' +
        'レビューで証明されたプルリクエストで新しい承認（より後の approved_at と新しい承認者）を記録します。',
    },
  },
  check: { base: approvalRewritten, baseDocuments: approvedDocumentFrozen },
});
