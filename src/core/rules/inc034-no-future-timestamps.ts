/** INC034: no recorded time lies in the future. */
import { formatDataPath, type DataPath } from '../findings.ts';
import { toMs } from '../time.ts';
import { FUTURE_TOLERANCE_MS, type FileRule } from './context.ts';
import { defineRule } from './rule.ts';

const noFutureTimestamps: FileRule = ({ incident, now }) => {
  const limit = now + FUTURE_TOLERANCE_MS;
  const stamps: [DataPath, string | undefined][] = [
    [['detection', 'at'], incident.detection?.at],
    ...incident.updates.map((u, i): [DataPath, string] => [['updates', i, 'at'], u.at]),
    [['recovered_at'], incident.recovered_at],
    [['closed_at'], incident.closed_at],
    [['postmortem', 'approved_at'], incident.postmortem?.approved_at],
    ...(incident.corrections ?? []).map((c, i): [DataPath, string] => [['corrections', i, 'at'], c.at]),
  ];
  return stamps.flatMap(([path, value]) =>
    value !== undefined && toMs(value) > limit
      ? [
          {
            path,
            message: `${formatDataPath(path)} ${value} is in the future (now is ${new Date(now).toISOString()}); record when it actually happened`,
          },
        ]
      : [],
  );
};

export const INC034 = defineRule({
  code: 'INC034',
  severity: 'error',
  docs: {
    en: {
      title: 'Timestamp in the future',
      why: 'Recorded facts cannot be later than now; a future time would stop clocks early.',
      right: 'Record the actual time (the CLI fills it in). Only a maintenance window may lie in the future.',
    },
    ja: {
      title: '未来の時刻',
      why: '記録された事実が現在より後であることはありません。未来の時刻は計測を早く止めてしまいます。',
      right: '実際の時刻を記録します（CLI が自動で入れます）。未来に置けるのはメンテナンスの作業時間帯だけです。',
    },
  },
  check: { file: noFutureTimestamps },
});
