/** INC030–INC036: the timeline is ordered, follows the status machine and fits its own timestamps. */
import { formatDataPath, type DataPath, type RawFinding } from '../findings.ts';
import { isFinished } from '../incident/lifecycle.ts';
import { allowedNext, belongsTo, move, type Track } from '../incident/status-machine.ts';
import { toMs } from '../time.ts';
import { FUTURE_TOLERANCE_MS, type FileRule } from './context.ts';

const trackOf = (type: string): Track => (type === 'maintenance' ? 'maintenance' : 'incident');

export const updatesInTimeOrder: FileRule = ({ incident }) =>
  incident.updates.flatMap((u, i) => {
    const prev = incident.updates[i - 1];
    if (!prev || toMs(u.at) >= toMs(prev.at)) return [];
    return [{ code: 'INC030', path: ['updates', i, 'at'], message: `update ${i + 1} at ${u.at} is earlier than update ${i} at ${prev.at}; append updates in time order` }];
  });

export const statusMovesAllowed: FileRule = ({ incident }) => {
  const track = trackOf(incident.type);
  const findings: RawFinding[] = [];
  incident.updates.forEach((u, i) => {
    const from = incident.updates[i - 1]?.status;
    const verdict = move(track, from, u.status, u.reopen_reason !== undefined);
    if (verdict === 'ok') return;
    if (verdict === 'needs-reopen-reason') {
      findings.push({ code: 'INC032', path: ['updates', i, 'status'], message: `update ${i + 1} reopens a resolved incident (resolved → investigating) without reopen_reason` });
      return;
    }
    // A status of the other track is INC050/INC051's finding; do not report it twice.
    if (!belongsTo(track, u.status)) return;
    const what = from === undefined ? `the first update cannot be "${u.status}"` : `"${from}" → "${u.status}" is not allowed`;
    findings.push({ code: 'INC031', path: ['updates', i, 'status'], message: `update ${i + 1}: ${what}; allowed: ${allowedNext(track, from).join(', ')}` });
  });
  return findings;
};


export const detectionBeforeFirstUpdate: FileRule = ({ incident }) => {
  const first = incident.updates[0];
  if (!incident.detection || !first || toMs(incident.detection.at) <= toMs(first.at)) return [];
  return [{ code: 'INC033', path: ['detection', 'at'], message: `detection.at ${incident.detection.at} is after the first update (${first.at}); the clock starts at the earliest signal, before anything is published` }];
};

export const noFutureTimestamps: FileRule = ({ incident, now }) => {
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
      ? [{ code: 'INC034' as const, path, message: `${formatDataPath(path)} ${value} is in the future (now is ${new Date(now).toISOString()}); record when it actually happened` }]
      : [],
  );
};

export const recoveryFitsTimeline: FileRule = ({ incident }) => {
  if (incident.type === 'maintenance') return [];
  const findings: RawFinding[] = [];
  const statuses = incident.updates.map((u) => u.status);
  const resolvedNow = isFinished(incident);
  if (resolvedNow && !incident.recovered_at) {
    const i = statuses.lastIndexOf('resolved');
    findings.push({ code: 'INC035', path: ['updates', i, 'status'], message: 'the incident is resolved but recovered_at is missing; record when service was restored' });
    return findings;
  }
  if (!incident.recovered_at) return findings;
  const recovered = toMs(incident.recovered_at);
  if (incident.detection && recovered < toMs(incident.detection.at)) {
    findings.push({ code: 'INC035', path: ['recovered_at'], message: `recovered_at ${incident.recovered_at} is before detection.at ${incident.detection.at}` });
  }
  const lastReopen = statuses.findLastIndex((s, i) => i > 0 && statuses[i - 1] === 'resolved' && s !== 'resolved');
  const reopen = incident.updates[lastReopen];
  if (reopen && recovered < toMs(reopen.at)) {
    findings.push({ code: 'INC035', path: ['recovered_at'], message: `recovered_at ${incident.recovered_at} is before the reopen at ${reopen.at}; after a reopen, recovered_at is the final recovery` });
  }
  const resolving = incident.updates.findIndex((u, i) => u.status === 'resolved' && i > lastReopen);
  const resolvingUpdate = incident.updates[resolving];
  if (resolvingUpdate && recovered > toMs(resolvingUpdate.at)) {
    findings.push({ code: 'INC035', path: ['recovered_at'], message: `recovered_at ${incident.recovered_at} is after the resolving update at ${resolvingUpdate.at}; service is recovered before it is announced resolved` });
  }
  return findings;
};

export const closureAfterEverything: FileRule = ({ incident }) => {
  if (!incident.closed_at) return [];
  const closed = toMs(incident.closed_at);
  const last = incident.updates[incident.updates.length - 1];
  const laterThan: [string, string | undefined][] = [
    ['the last update', last?.at],
    ['recovered_at', incident.recovered_at],
    ['postmortem.approved_at', incident.postmortem?.approved_at],
  ];
  return laterThan.flatMap(([what, value]) =>
    value !== undefined && toMs(value) > closed
      ? [{ code: 'INC036' as const, path: ['closed_at'], message: `closed_at ${incident.closed_at} is before ${what} (${value})` }]
      : [],
  );
};

/** INC104: a promised next update lies after the update that promises it (customers are told this time). */
export const nextUpdateAfterItsUpdate: FileRule = ({ incident }) =>
  incident.updates.flatMap((u, i) =>
    u.next_update_at !== undefined && toMs(u.next_update_at) <= toMs(u.at)
      ? [{ code: 'INC104' as const, path: ['updates', i, 'next_update_at'], message: `update ${i + 1} promises its next update at ${u.next_update_at}, which is not after the update itself (${u.at})` }]
      : [],
  );
