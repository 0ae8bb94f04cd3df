/** INC130: no lone surrogates (broken characters) in text values. */
import type { FileRule } from './context.ts';
import { visible } from '../text/visible.ts';
import { mayHoldHiddenCharacters, textValues } from './text-values.ts';
import { defineRule, type Report } from './rule.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const visibleSurrogates = (v: string) =>
  visible(v).replace(
    new RegExp(LONE_SURROGATE.source, 'g'),
    (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase()}>`,
  );

/** Only a YAML escape can make a lone surrogate: the file itself is checked to be valid UTF-8. */
const brokenCharacters: FileRule = ({ incident, text }) => {
  if (!mayHoldHiddenCharacters(text)) return [];
  return textValues(incident).flatMap(({ path, value }): Report[] =>
    LONE_SURROGATE.test(value)
      ? [
          {
            path,
            message: `${path.join('.').replace(/\.(\d+)/g, '[$1]')} contains a lone surrogate, which is no character: "${visibleSurrogates(value.length > 80 ? `${value.slice(0, 80)}…` : value)}"`,
          },
        ]
      : [],
  );
};

export const INC130 = defineRule({
  code: 'INC130',
  severity: 'error',
  docs: {
    en: {
      title: 'Broken character in text',
      why: 'A lone surrogate (an escape such as "\\ud800" without its pair) is not a character: pages show U+FFFD and e-mail bodies fail to encode.',
      right:
        'Write the character itself, or a complete pair such as "\\ud83d\\ude00"; ' +
        'shown as <U+D800> in the message.',
    },
    ja: {
      title: '本文中の壊れた文字',
      why:
        '対になっていないサロゲート（"\\ud800" のようなエスケープ）は文字ではありません。' +
        'ページには U+FFFD が表示され、メール本文は符号化に失敗します。',
      right: '文字そのものを書くか、"\\ud83d\\ude00" のように対で書きます。メッセージでは <U+D800> と表示されます。',
    },
  },
  check: { file: brokenCharacters },
});
