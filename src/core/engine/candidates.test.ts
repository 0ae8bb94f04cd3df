import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../test/builders.ts';
import { parseAlertPayload } from '../intake/alert-payload.ts';
import { planAlertIntake, type IntakeStep } from '../intake/alert-plan.ts';
import { intakeKeys, readCandidateMarker, type OpenCandidate } from '../intake/candidate.ts';
import { candidatesSection, planCandidates } from './candidates.ts';
import { ledgerOf, type LedgerEntry } from '../ledger/ledger.ts';
import { keys } from './plan.ts';

const T = (hhmm: string) => Date.parse(`2026-11-28T${hhmm}:00+09:00`);
const payload = readFileSync(
  new URL('../../../test/fixtures/alerts/alertmanager-firing.json', import.meta.url),
  'utf8',
);
const parsed = parseAlertPayload(payload);
const draft = planAlertIntake((parsed as Extract<typeof parsed, { ok: true }>).alerts, {
  catalog,
  now: T('09:12'),
  candidates: [],
  incidents: [],
  dismissed: [],
}).steps[0] as Extract<IntakeStep, { kind: 'open-draft' }>;
const candidate: OpenCandidate = {
  pr: 7,
  url: 'u',
  branch: draft.branch,
  draft: true,
  marker: readCandidateMarker(draft.body)!,
  incident: draft.incident,
  assignees: [],
};
const id = draft.incident.id;
const none = ledgerOf([]);

describe('planCandidates (fixed clock)', () => {
  it('warns the manager and the responder before the notification deadline although nothing is merged', () => {
    expect(planCandidates([candidate], [], catalog, none, T('09:21'))).toEqual([]);
    const [w] = planCandidates([candidate], [], catalog, none, T('09:23'));
    expect(w).toEqual({
      kind: 'warning',
      key: keys.warning(id, 'notify'),
      incident: id,
      at: '2026-11-28T09:23:00+09:00',
      target: 'notify',
      deadline: '2026-11-28T09:32:13+09:00',
      minutesLeft: 9,
      recipients: ['t-sato', 'k-tanaka'],
      reason:
        'candidate #7, not merged yet: 9 minute(s) left until the customer notification deadline 2026-11-28T09:32:13+09:00',
    });
  });
  it('only warnings: no tracking issue, no manager notification, no customer e-mail, no breach for a candidate', () => {
    const kinds = [T('09:23'), T('10:00'), T('11:30'), T('12:00')].flatMap((now) =>
      planCandidates([candidate], [], catalog, none, now).map((a) => a.kind),
    );
    expect(new Set(kinds)).toEqual(new Set(['warning']));
  });
  it('the pull request assignee is the responder who is warned', () => {
    const [w] = planCandidates([{ ...candidate, assignees: ['y-watanabe'] }], [], catalog, none, T('09:23'));
    expect(w!.kind === 'warning' && w!.recipients).toEqual(['t-sato', 'y-watanabe']);
  });
  it('nothing once the warning is in the ledger, once merged (the incident plans itself), or once dismissed', () => {
    const entry = (key: string, kind: LedgerEntry['kind']): LedgerEntry => ({
      key,
      kind,
      incident: id,
      at: '2026-11-28T09:23:00+09:00',
      detail: {},
    });
    expect(
      planCandidates([candidate], [], catalog, ledgerOf([entry(keys.warning(id, 'notify'), 'warning')]), T('09:25')),
    ).toEqual([]);
    expect(planCandidates([candidate], [draft.incident], catalog, none, T('09:25'))).toEqual([]);
    expect(
      planCandidates(
        [candidate],
        [],
        catalog,
        ledgerOf([entry(intakeKeys.dismissed(id), 'candidate-dismissed')]),
        T('09:25'),
      ),
    ).toEqual([]);
  });
  it('an invalid draft file runs no clock (it is reported instead)', () => {
    expect(planCandidates([{ ...candidate, incident: undefined }], [], catalog, none, T('09:25'))).toEqual([]);
  });
  it('the dashboard section lists running candidates with their clocks', () => {
    expect(candidatesSection([candidate], [], catalog, none, T('09:23'))).toContain(
      `| #7 | ${id} | monitoring | running (9 min left), by 2026-11-28 09:32 JST | running (99 min left), by 2026-11-28 11:02 JST | @t-sato · @k-tanaka |`,
    );
  });
});
