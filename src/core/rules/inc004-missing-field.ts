/** INC004: every required field is there. Reported by the schema, worded by schema-findings.ts. */
import { defineRule } from './rule.ts';

export const INC004 = defineRule({
  code: 'INC004',
  severity: 'error',
  docs: {
    en: {
      title: 'Missing required field',
      why: 'Every incident carries the facts the policy and the SLA clocks need.',
      right: 'Add the field. `npm run incident -- new` writes a complete file.',
    },
    ja: {
      title: '必須項目がない',
      why: 'すべてのインシデントは、方針と SLA の計測に必要な事実を持ちます。',
      right: '項目を追加します。`npm run incident -- new` は必要な項目をすべて書き込みます。',
    },
  },
  check: { reader: true },
});
