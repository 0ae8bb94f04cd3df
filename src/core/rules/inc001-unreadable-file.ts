/**
 * INC001: an incident file is readable text: UTF-8, not binary, not empty, under the
 * size limit. Reported by the front-matter reader
 * (frontmatter/parse-source.ts).
 */
import { defineRule } from './rule.ts';

export const INC001 = defineRule({
  code: 'INC001',
  severity: 'error',
  docs: {
    en: {
      title: 'Unreadable file',
      why:
        'The checker, the site and the SLA engine must all read the same text; an empty, binary, ' +
        'non-UTF-8 or huge file cannot be an incident.',
      right: 'An incident file is UTF-8 Markdown under 1 MiB that starts with a YAML front-matter block.',
    },
    ja: {
      title: '読み取れないファイル',
      why:
        'チェッカー、サイト、SLA エンジンはすべて同じテキストを読みます。' +
        '空のファイル、バイナリ、UTF-8 でないファイル、巨大なファイルはインシデントになりません。',
      right: 'インシデントファイルは 1 MiB 未満の UTF-8 の Markdown で、YAML のフロントマターで始まります。',
    },
  },
  check: { reader: true },
});
