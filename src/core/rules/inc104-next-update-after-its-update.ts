/** INC104: a promised next update lies after the update that promises it (customers are told this time). */
import { toMs } from '../time.ts';
import type { FileRule } from './context.ts';
import { defineRule } from './rule.ts';

/** INC104: a promised next update lies after the update that promises it (customers are told this time). */
const nextUpdateAfterItsUpdate: FileRule = ({ incident }) =>
  incident.updates.flatMap((u, i) =>
    u.next_update_at !== undefined && toMs(u.next_update_at) <= toMs(u.at)
      ? [
          {
            path: ['updates', i, 'next_update_at'],
            message: `update ${i + 1} promises its next update at ${u.next_update_at}, which is not after the update itself (${u.at})`,
          },
        ]
      : [],
  );

export const INC104 = defineRule({
  code: 'INC104',
  severity: 'error',
  docs: {
    en: {
      title: 'Next update promised in the past',
      why:
        'Customer notices tell customers when the next update will come; ' +
        'a time at or before the update itself is a promise that is already broken.',
      right:
        "Set next_update_at to a time after the update's own time, " +
        'or leave it out ("we will update you as soon as we know more").',
    },
    ja: {
      title: '次回の更新予定が過去',
      why: 'お知らせには次回の更新予定を書きます。その更新自体より前の時刻は、すでに破られた約束です。',
      right: 'next_update_at をその更新の時刻より後にするか、省略します（「わかり次第お知らせします」）。',
    },
    example:
      '- at: "2026-11-20T10:14:00+09:00"\n  status: investigating\n' +
      '  next_update_at: "2026-11-20T11:00:00+09:00"\n  message: { ja: ..., en: ... }',
  },
  check: { file: nextUpdateAfterItsUpdate },
});
