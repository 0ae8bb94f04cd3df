/** INC090: an incident file present at the base is still there (from the base snapshot's diff). */
import { atFile } from './context.ts';
import { defineRule } from './rule.ts';

export const INC090 = defineRule({
  code: 'INC090',
  severity: 'error',
  docs: {
    en: {
      title: 'Incident file deleted',
      why: 'The incident population must stay complete for auditors; nothing is deleted.',
      right: 'Keep the file. A false alarm is resolved with an update saying so.',
    },
    ja: {
      title: 'インシデントファイルの削除',
      why: '監査のため、インシデントの母集団は欠けてはなりません。何も削除しません。',
      right: 'ファイルを残します。誤報は、そう伝える更新を追加して復旧にします。',
    },
  },
  check: {
    run: ({ base }) =>
      (base?.deleted ?? []).map((file) =>
        atFile(file, { path: [], message: `incident file ${file} was deleted; incident files are never deleted` }),
      ),
  },
});
