/**
 * INC006: only documented fields, with a "did you mean" for a typo. Reported by the
 * schema, worded by schema-findings.ts (and by the front-matter reader for a
 * field name that is a list or a mapping).
 */
import { defineRule } from './rule.ts';

export const INC006 = defineRule({
  code: 'INC006',
  severity: 'error',
  docs: {
    en: {
      title: 'Unknown field',
      why: 'A misspelt field is silently ignored by every reader; the fact it was meant to carry is lost.',
      right: 'Use only the documented fields (see incidents/README.md); fix the spelling.',
    },
    ja: {
      title: '未知の項目',
      why: '綴りを誤った項目はどの読み手にも無視され、伝えるはずだった事実が失われます。',
      right: '文書化された項目だけを使い（incidents/README.md を参照）、綴りを直します。',
    },
  },
  check: { reader: true },
});
