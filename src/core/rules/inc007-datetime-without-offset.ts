/** INC007: a datetime carries its offset. Reported by the schema's datetime type (schema-parts.ts). */
import { defineRule } from './rule.ts';

export const INC007 = defineRule({
  code: 'INC007',
  severity: 'error',
  docs: {
    en: {
      title: 'Datetime without offset',
      why: 'A time without an offset is ambiguous (JST or UTC?) and would move SLA clocks by nine hours.',
      right: 'Write RFC 3339 with an offset, quoted: "2026-11-20T10:02:00+09:00" (or ...Z for UTC).',
    },
    ja: {
      title: 'オフセットのない日時',
      why: 'オフセットのない時刻は JST か UTC か曖昧で、SLA の計測が 9 時間ずれかねません。',
      right:
        'オフセット付きの RFC 3339 形式で、引用符で囲んで書きます。' +
        '例: "2026-11-20T10:02:00+09:00"（UTC なら末尾を Z に）。',
    },
    example: 'detection:\n  at: "2026-11-20T10:02:00+09:00"',
  },
  check: { reader: true },
});
