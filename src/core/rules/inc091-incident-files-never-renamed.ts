/** INC091: an incident file keeps its name (from the base snapshot's diff). */
import { atFile } from './context.ts';
import { defineRule } from './rule.ts';

export const INC091 = defineRule({
  code: 'INC091',
  severity: 'error',
  docs: {
    en: {
      title: 'Incident file renamed',
      why: 'The id (file name) is referenced by e-mails, links and the ledger.',
      right: 'Keep the file name; change the title instead.',
    },
    ja: {
      title: 'インシデントファイルの名前変更',
      why: 'ID（ファイル名）はメール、リンク、台帳から参照されています。',
      right: 'ファイル名は変えず、タイトルを変えます。',
    },
  },
  check: {
    run: ({ base }) =>
      (base?.renamed ?? []).map(({ from, to }) =>
        atFile(to, {
          path: [],
          message: `incident file was renamed from ${from} to ${to}; the id and file name never change`,
        }),
      ),
  },
});
