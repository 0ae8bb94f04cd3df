/**
 * INC092–INC095: what may change between the base version of an incident
 * and the proposed one. Published facts are append-only; the one audited way
 * to change one is a new `corrections` entry naming the field, the old and the
 * new value.
 */
import { changedLeaves, deepEqual, isWithin, valueAtPath } from '../data-path.ts';
import { formatDataPath, parseDataPath, type DataPath, type RawFinding } from '../findings.ts';
import type { Correction, Incident } from '../incident/schema.ts';
import { isReapproval } from '../review/approval.ts';
import { approvalRewritten } from './approval-rules.ts';

/** Fields that never change once the incident exists, except through a correction. */
const FIXED_FIELDS: readonly DataPath[] = [['service'], ['type'], ['scope'], ['detection', 'at'], ['detection', 'source']];

export function checkAgainstBase(base: Incident, head: Incident): RawFinding[] {
  const findings: RawFinding[] = [];
  if (base.id !== head.id) {
    findings.push({ code: 'INC092', path: ['id'], message: `id changed from "${base.id}" to "${head.id}"; an id never changes (not even by correction)` });
  }
  const baseCorrections = base.corrections ?? [];
  const headCorrections = head.corrections ?? [];
  baseCorrections.forEach((c, i) => {
    if (!deepEqual(c, headCorrections[i])) {
      findings.push({ code: 'INC094', path: headCorrections[i] ? ['corrections', i] : ['corrections'], message: `correction ${i + 1} (${c.field}) was ${headCorrections[i] ? 'edited' : 'removed'}; corrections are append-only` });
    }
  });
  const added = headCorrections.slice(baseCorrections.length);
  const covered = (path: DataPath) => added.some((c) => covers(c, path, base, head));

  findings.push(...approvalRewritten(base, head));

  if (base.updates.length > head.updates.length) {
    findings.push({ code: 'INC093', path: ['updates'], message: `${base.updates.length - head.updates.length} published update(s) removed (the base has ${base.updates.length}, this version ${head.updates.length}); updates are append-only` });
  }

  if (base.closed_at) {
    const { corrections: _b, ...baseRest } = base;
    const { corrections: _h, ...headRest } = head;
    // A new approval of the postmortem (later approved_at) is the one other change: the pull request proves it again.
    const reapproved = isReapproval(base, head);
    for (const path of changedLeaves(baseRest, headRest)) {
      if (reapproved && (isWithin(path, ['postmortem', 'approvers']) || isWithin(path, ['postmortem', 'approved_at']))) continue;
      if (!covered(path)) {
        findings.push({ code: 'INC095', path: existing(head, path), message: `${formatDataPath(path)} changed on an incident closed at ${base.closed_at}; a closed incident changes only through corrections` });
      }
    }
    return findings;
  }

  const watched: DataPath[] = [...FIXED_FIELDS, ...base.updates.slice(0, head.updates.length).map((_, i) => ['updates', i] as DataPath)];
  for (const root of watched) {
    for (const path of changedLeaves(valueAtPath(base, root), valueAtPath(head, root), root)) {
      if (covered(path)) continue;
      const before = valueAtPath(base, path);
      const after = valueAtPath(head, path);
      const what = root[0] === 'updates' ? `published update ${Number(root[1]) + 1}: ${formatDataPath(path)}` : formatDataPath(path);
      findings.push({
        code: 'INC092',
        path: existing(head, path),
        message: `${what} changed from ${JSON.stringify(before)} to ${JSON.stringify(after)} without a correction; keep the value or append a corrections entry (field: ${formatDataPath(path)})`,
      });
    }
  }
  findings.push(...decisiveFacts(base, head, covered));
  return findings;
}

/**
 * INC126: recovered_at decides the recovery target and severity whether a
 * postmortem is required. Once the base is resolved both are final unless a
 * correction says otherwise (or a reopen clears recovered_at); while open,
 * severity changes only together with a published update.
 */
function decisiveFacts(base: Incident, head: Incident, covered: (path: DataPath) => boolean): RawFinding[] {
  const findings: RawFinding[] = [];
  const baseResolved = base.updates.at(-1)?.status === 'resolved';
  const reopened = head.updates.slice(base.updates.length).some((u) => u.status === 'investigating');
  if (baseResolved && !reopened && base.recovered_at !== head.recovered_at && !covered(['recovered_at'])) {
    findings.push({
      code: 'INC126',
      path: head.recovered_at !== undefined ? ['recovered_at'] : [],
      message: `recovered_at changed from ${JSON.stringify(base.recovered_at)} to ${JSON.stringify(head.recovered_at)} on a resolved incident; it decides whether the recovery target was met, so it changes only through a correction (field: recovered_at)`,
    });
  }
  if (base.severity !== undefined && base.severity !== head.severity && !covered(['severity'])) {
    const withUpdate = head.updates.length > base.updates.length;
    if ((baseResolved && !reopened) || !withUpdate) {
      findings.push({
        code: 'INC126',
        path: head.severity !== undefined ? ['severity'] : [],
        message: `severity changed from ${base.severity} to ${head.severity ?? 'nothing'} ${baseResolved ? 'on a resolved incident' : 'without a new update'}; it decides whether a postmortem is required, so change it ${baseResolved ? 'only through a correction (field: severity)' : 'together with the update that explains it, or through a correction'}`,
      });
    }
  }
  return findings;
}

function covers(c: Correction, path: DataPath, base: Incident, head: Incident): boolean {
  const target = parseDataPath(c.field);
  if (!target || !isWithin(path, target)) return false;
  return deepEqual(c.old, valueAtPath(base, target)) && deepEqual(c.new, valueAtPath(head, target));
}

/** The deepest prefix of `path` that exists in `data`, so a finding points at a real line. */
function existing(data: unknown, path: DataPath): DataPath {
  for (let n = path.length; n > 0; n--) {
    if (valueAtPath(data, path.slice(0, n)) !== undefined) return path.slice(0, n);
  }
  return [];
}
