/** INC031: each update's status is an allowed move from the one before. */
import { allowedNext, belongsTo, move } from '../incident/status-machine.ts';
import { trackOf, type FileRule } from './context.ts';
import { defineRule, type Report } from './rule.ts';

const statusMovesAllowed: FileRule = ({ incident }) => {
  const track = trackOf(incident.type);
  return incident.updates.flatMap((u, i): Report[] => {
    const from = incident.updates[i - 1]?.status;
    const verdict = move(track, from, u.status, u.reopen_reason !== undefined);
    // A reopen without its reason is INC032's finding, a status of the other track INC050/INC051's: not reported twice.
    if (verdict === 'ok' || verdict === 'needs-reopen-reason' || !belongsTo(track, u.status)) return [];
    const what =
      from === undefined ? `the first update cannot be "${u.status}"` : `"${from}" → "${u.status}" is not allowed`;
    return [
      {
        path: ['updates', i, 'status'],
        message: `update ${i + 1}: ${what}; allowed: ${allowedNext(track, from).join(', ')}`,
      },
    ];
  });
};

export const INC031 = defineRule({
  code: 'INC031',
  severity: 'error',
  docs: {
    en: {
      title: 'Status change not allowed',
      why:
        'Statuses follow investigating → identified → monitoring → resolved (maintenance: scheduled → in_progress → verifying → completed); ' +
        'anything else confuses customers.',
      right:
        'Move forward, or back to an earlier open status; ' +
        'after resolved only a reopen (investigating with reopen_reason).',
    },
    ja: {
      title: '許されない状態の変更',
      why:
        '状態は「調査中 → 原因特定 → 経過観察 → 復旧」（メンテナンスは「予定 → 実施中 → 確認中 → 完了」）の順に進みます。' +
        'それ以外の動きはお客さまを混乱させます。',
      right:
        '先へ進めるか、それより前の未解決の状態に戻します。' +
        '復旧の後は再開（reopen_reason を付けた調査中）だけが可能です。',
    },
  },
  check: { file: statusMovesAllowed },
});
