/** INC131: nothing but ledger files under ledger/ (the listing of the tree finds the strays). */
import { straysOf } from './context.ts';
import { defineRule } from './rule.ts';

export const INC131 = defineRule({
  code: 'INC131',
  severity: 'error',
  docs: {
    en: {
      title: 'File misplaced under ledger/',
      why:
        'The SLA engine reads only ledger/<YYYY>/<run>.jsonl: a fact in any other file is silently lost, ' +
        'so a sent notification could be sent again.',
      right:
        'Only ledger/<YYYY>/<run>.jsonl files (written by the bot) live under ledger/; ' +
        'delete or move anything else.',
    },
    ja: {
      title: 'ledger/ 内の置き場所違いのファイル',
      why:
        'SLA エンジンが読むのは ledger/<YYYY>/<run>.jsonl だけです。' +
        'ほかのファイルに書かれた事実は黙って失われ、送った通知がもう一度送られることがあります。',
      right: 'ledger/ には bot が書く ledger/<YYYY>/<run>.jsonl だけを置きます。それ以外は削除するか移動します。',
    },
  },
  check: {
    run: (run) => {
      // A stray added since the base is already INC096 (added under ledger/, not a ledger file): one finding per file.
      const added = new Set((run.base?.ledgerAdded ?? []).map((a) => a.file));
      return straysOf(run, 'INC131').filter((s) => !added.has(s.file));
    },
  },
});
