/** INC094: corrections are append-only against the base version. */
import { deepEqual } from '../data-path.ts';
import { defineRule, type Report } from './rule.ts';

export const INC094 = defineRule({
  code: 'INC094',
  severity: 'error',
  docs: {
    en: {
      title: 'Correction history changed',
      why: 'Corrections are the audit trail; they are append-only themselves.',
      right: 'Leave existing corrections as they are; append a new one.',
    },
    ja: {
      title: '訂正履歴の変更',
      why: '訂正は監査証跡であり、それ自体も追記のみです。',
      right: '既存の訂正はそのままにし、新しい訂正を追記します。',
    },
  },
  check: {
    base: (base, head) => {
      const headCorrections = head.corrections ?? [];
      return (base.corrections ?? []).flatMap((c, i): Report[] =>
        deepEqual(c, headCorrections[i])
          ? []
          : [
              {
                path: headCorrections[i] ? ['corrections', i] : ['corrections'],
                message: `correction ${i + 1} (${c.field}) was ${headCorrections[i] ? 'edited' : 'removed'}; corrections are append-only`,
              },
            ],
      );
    },
  },
});
