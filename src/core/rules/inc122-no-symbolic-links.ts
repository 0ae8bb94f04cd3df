/** INC122: no symbolic links under incidents/ (the listing of the tree finds them; it never follows one). */
import { straysOf } from './context.ts';
import { defineRule } from './rule.ts';

export const INC122 = defineRule({
  code: 'INC122',
  severity: 'error',
  docs: {
    en: {
      title: 'Symbolic link under incidents/',
      why: 'A link can point outside the repository or nowhere; what is reviewed must be what is published.',
      right: 'Replace the link with the file itself.',
    },
    ja: {
      title: 'incidents/ の中のシンボリックリンク',
      why: 'リンクはリポジトリの外や存在しない場所を指せます。レビューしたものが公開されるものでなければなりません。',
      right: 'リンクをファイルそのものに置き換えます。',
    },
  },
  check: { run: (run) => straysOf(run, 'INC122') },
});
