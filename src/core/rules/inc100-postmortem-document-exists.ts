/** INC100: a postmortem under review or approved has its document. */
import { postmortemPath } from '../incident/postmortem-document.ts';
import type { FileRule } from './context.ts';
import { defineRule } from './rule.ts';

const postmortemDocumentExists: FileRule = ({ incident, documents }) => {
  const pm = incident.postmortem;
  if (!documents || !pm || pm.status === 'draft') return [];
  if (pm.document && documents.has(pm.document)) return [];
  return [
    {
      path: pm.document ? ['postmortem', 'document'] : ['postmortem', 'status'],
      message: `postmortem is ${pm.status} but ${pm.document ? `its document ${pm.document} does not exist` : 'names no document'}; expected ${postmortemPath(incident.id)}`,
    },
  ];
};

export const INC100 = defineRule({
  code: 'INC100',
  severity: 'error',
  docs: {
    en: {
      title: 'Postmortem document missing',
      why: 'A postmortem under review or approved is a document reviewers read and auditors sample.',
      right:
        'Create it with `npm run incident -- postmortem <id>` (postmortems/<id>.md) and set postmortem.document to that path.',
    },
    ja: {
      title: '事後レビューの文書がない',
      why: 'レビュー中または承認済みの事後レビューは、レビュアーが読み、監査人が抽出する文書です。',
      right:
        '`npm run incident -- postmortem <id>` で postmortems/<id>.md を作り、' +
        'postmortem.document にそのパスを書きます。',
    },
  },
  check: { file: postmortemDocumentExists },
});
