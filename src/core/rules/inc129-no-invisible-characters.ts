/** INC129: no invisible characters in text values. */
import type { FileRule } from './context.ts';
import { INVISIBLE, visible } from '../text/visible.ts';
import { mayHoldHiddenCharacters, textValues } from './text-values.ts';
import { defineRule, type Report } from './rule.ts';

const invisibleCharacters: FileRule = ({ incident, text }) => {
  if (!mayHoldHiddenCharacters(text)) return [];
  return textValues(incident).flatMap(({ path, value }): Report[] =>
    INVISIBLE.test(value)
      ? [
          {
            path,
            message: `${path.join('.').replace(/\.(\d+)/g, '[$1]')} contains an invisible character: "${visible(value.length > 80 ? `${value.slice(0, 80)}…` : value)}"`,
          },
        ]
      : [],
  );
};

export const INC129 = defineRule({
  code: 'INC129',
  severity: 'warning',
  docs: {
    en: {
      title: 'Invisible character in text',
      why: 'Zero-width and bidirectional control characters make published text differ from what reviewers see.',
      right: 'Delete the character shown as <U+…> in the message.',
    },
    ja: {
      title: '文中の見えない文字',
      why: 'ゼロ幅文字や書字方向の制御文字があると、公開される文がレビューで見たものと違ってしまいます。',
      right: '<U+…> と表示された文字をメッセージから削除します。',
    },
  },
  check: { file: invisibleCharacters },
});
