/** INC093: updates are append-only against the base version. */
import { defineRule } from './rule.ts';

export const INC093 = defineRule({
  code: 'INC093',
  severity: 'error',
  docs: {
    en: {
      title: 'Published update removed',
      why: 'Updates are append-only: customers have read them.',
      right: 'Keep every published update; add a new update to correct course, or a corrections entry to fix a typo.',
    },
    ja: {
      title: '公開済みの更新の削除',
      why: '更新は追記のみです。お客さまはすでに読んでいます。',
      right: '公開した更新はすべて残します。方針を改めるなら新しい更新を、誤字を直すなら訂正を追加します。',
    },
  },
  check: {
    base: (base, head) =>
      base.updates.length > head.updates.length
        ? [
            {
              path: ['updates'],
              message: `${base.updates.length - head.updates.length} published update(s) removed (the base has ${base.updates.length}, this version ${head.updates.length}); updates are append-only`,
            },
          ]
        : [],
  },
});
