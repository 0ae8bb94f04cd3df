/** INC096: the ledger only grows by new, well-formed files (from the base snapshot's diff). */
import { newLedgerFileProblem } from '../ledger/ledger.ts';
import { atFile, type RunContext } from './context.ts';
import { defineRule, type LocatedReport } from './rule.ts';

function ledgerRewritten({ base }: RunContext): LocatedReport[] {
  if (!base) return [];
  return [
    ...(base.ledgerChanged ?? []).map(({ file, change }) =>
      atFile(file, { path: [], message: `ledger file ${file} was ${change}; ledger files are only ever added` }),
    ),
    ...(base.ledgerAdded ?? []).flatMap(({ file, text }) => {
      const why = newLedgerFileProblem(file, text);
      return why
        ? [
            atFile(file, {
              path: [],
              message: `${file} was added under ledger/ but is not a ledger file the SLA engine writes (${why}); only ledger/<YYYY>/<run>.jsonl files of ledger entries are added there`,
            }),
          ]
        : [];
    }),
  ];
}

export const INC096 = defineRule({
  code: 'INC096',
  severity: 'error',
  docs: {
    en: {
      title: 'Ledger file changed',
      why: 'The ledger is the record of what was sent; auditors rely on it never being rewritten.',
      right:
        'Never edit, rename or delete files under ledger/; ' +
        'the SLA engine only adds new ones: ledger/<YYYY>/<run>.jsonl, every line a ledger entry. ' +
        'Nothing else is added under ledger/.',
    },
    ja: {
      title: '台帳ファイルの変更',
      why: '台帳は何を送ったかの記録です。監査人は、それが書き換えられないことを前提にしています。',
      right:
        'ledger/ 配下のファイルを編集・改名・削除しません。' +
        'SLA エンジンは新しいファイル（ledger/<YYYY>/<run>.jsonl、各行が台帳エントリ）を追加するだけです。' +
        'ledger/ にそれ以外のものは追加しません。',
    },
  },
  check: { run: ledgerRewritten },
});
