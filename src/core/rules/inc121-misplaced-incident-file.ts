/** INC121: nothing but incident files under incidents/ (the listing of the tree finds the strays). */
import { straysOf } from './context.ts';
import { defineRule } from './rule.ts';

export const INC121 = defineRule({
  code: 'INC121',
  severity: 'error',
  docs: {
    en: {
      title: 'File misplaced under incidents/',
      why:
        'A file the checker does not read is never checked, published or notified; ' +
        'a misnamed incident would be silently lost.',
      right:
        'Only incidents/<YYYY>/<id>.md (lowercase .md, ' +
        'no hidden folders) and incidents/README.md live under incidents/.',
    },
    ja: {
      title: 'incidents/ の中の置き場所が違うファイル',
      why:
        'チェッカーが読まないファイルは、チェックも公開も通知もされません。' +
        '名前を誤ったインシデントは黙って失われます。',
      right:
        'incidents/ に置けるのは incidents/<YYYY>/<id>.md（拡張子は小文字の .md、' +
        '隠しフォルダーは不可）と incidents/README.md だけです。',
    },
  },
  check: { run: (run) => straysOf(run, 'INC121') },
});
