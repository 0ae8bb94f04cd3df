/** INC005: every value has its field's type and vocabulary. Reported by the schema, worded by schema-findings.ts. */
import { defineRule } from './rule.ts';

export const INC005 = defineRule({
  code: 'INC005',
  severity: 'error',
  docs: {
    en: {
      title: 'Invalid value',
      why: 'Fields have fixed types and vocabularies so the site, the API and the SLA engine agree on their meaning.',
      right: 'Use a value of the listed type or one of the listed values.',
    },
    ja: {
      title: '値が正しくない',
      why: 'サイト、API、SLA エンジンが同じ意味で読めるよう、項目の型と語彙は決まっています。',
      right: '示された型の値、または示された値のいずれかを使います。',
    },
  },
  check: { reader: true },
});
