import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog, makeIncident } from '../../../test/builders.ts';
import { checkFile } from '../check/check-incidents.ts';
import { parseSource } from '../frontmatter/parse-source.ts';
import { IncidentSchema, type Incident } from '../incident/schema.ts';
import { MAX_ALERT_PAYLOAD_BYTES, parseAlertPayload, type NormalizedAlert } from './alert-payload.ts';
import { planAlertIntake, type IntakeContext, type IntakeStep } from './alert-plan.ts';
import { readCandidateMarker, withFreeId, type OpenCandidate } from './candidate.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/alerts/${name}`, import.meta.url), 'utf8');
/** 09:12 JST, ten minutes after the block-storage alert started (00:02:13Z). */
const NOW = Date.parse('2026-11-28T09:12:00+09:00');
const parsed = (name: string): NormalizedAlert[] => {
  const r = parseAlertPayload(fixture(name));
  if (!r.ok) throw new Error(r.problem);
  return r.alerts;
};
const ctx = (over: Partial<IntakeContext> = {}): IntakeContext => ({
  catalog,
  now: NOW,
  candidates: [],
  incidents: [],
  dismissed: [],
  ...over,
});
const opened = (steps: IntakeStep[]) =>
  steps.filter((s): s is Extract<IntakeStep, { kind: 'open-draft' }> => s.kind === 'open-draft');

/** A draft as the GitHub port would read it back from an open pull request. */
function asCandidate(step: Extract<IntakeStep, { kind: 'open-draft' }>, pr: number): OpenCandidate {
  const src = parseSource(step.path, step.content);
  if (!src.ok) throw new Error('draft does not parse');
  return {
    pr,
    url: `https://github.test/pull/${pr}`,
    branch: step.branch,
    draft: true,
    marker: readCandidateMarker(step.body)!,
    incident: IncidentSchema.parse(src.source.data),
    assignees: [],
  };
}

describe('alert payloads (documented shapes)', () => {
  it('Alertmanager v4: firing, with nanosecond times, Go zero endsAt as "not ended"', () => {
    const r = parseAlertPayload(fixture('alertmanager-firing.json'));
    expect(r).toMatchObject({ ok: true, source: 'alertmanager', truncated: 0 });
    const [a] = (r as { alerts: NormalizedAlert[] }).alerts;
    expect(a).toEqual({
      source: 'alertmanager',
      fingerprint: '3f2a9c01b7d4e865',
      status: 'firing',
      name: 'BlockStorageLatencyHigh',
      labels: expect.objectContaining({ component: 'block-storage' }),
      startsAt: Date.parse('2026-11-28T00:02:13.512Z'),
      summary: 'Block storage write latency p99 above 500 ms',
      url: expect.stringContaining('prometheus.ops.example'),
    });
  });
  it('Grafana: orgId, state, title and per-alert values are read as Grafana', () => {
    const r = parseAlertPayload(fixture('grafana-firing.json'));
    expect(r.ok && r.source).toBe('grafana');
    expect(r.ok && r.alerts[0]!.fingerprint).toBe('c6eadffa33fcdf37');
  });
  it('generic: the small documented shape; unknown fields are refused', () => {
    expect(parseAlertPayload(fixture('generic-firing.json'))).toMatchObject({
      ok: true,
      source: 'generic',
      alerts: [{ name: 'DnsProbeFailing', status: 'firing' }],
    });
    const extra = JSON.parse(fixture('generic-firing.json'));
    extra.assignee = 'x';
    expect(parseAlertPayload(JSON.stringify(extra))).toEqual({
      ok: false,
      problem: expect.stringMatching(/^generic alert: .*assignee/),
    });
  });
  it.each([
    ['not JSON', '{"version": "4",', /^alert payload is not JSON/],
    ['an array', '[1,2]', /must be a JSON object/],
    ['null', 'null', /must be a JSON object/],
    [
      'a fingerprint that would escape the branch name',
      fixture('alertmanager-firing.json').replace('3f2a9c01b7d4e865', '../../refs/heads/main'),
      /alerts\[0\]\.fingerprint: expected a short token/,
    ],
    [
      'a naive start time',
      fixture('alertmanager-firing.json').replace('2026-11-28T00:02:13.512843211Z', '2026-11-28T00:02:13'),
      /startsAt: expected an RFC 3339 time with offset/,
    ],
    [
      'an unknown status',
      fixture('alertmanager-firing.json').replace(
        /"status": "firing",\n {6}"labels"/,
        '"status": "pending",\n      "labels"',
      ),
      /alerts\[0\]\.status/,
    ],
    ['no alerts', JSON.stringify({ ...JSON.parse(fixture('alertmanager-firing.json')), alerts: [] }), /alerts: /],
    [
      'a huge label value',
      fixture('alertmanager-firing.json').replace('"job": "node" }', `"job": "${'x'.repeat(5000)}" }`),
      /[lL]abels\.job: Too big/,
    ],
  ])('refuses %s with one line', (_name, body, problem) => {
    const r = parseAlertPayload(body);
    expect(r.ok).toBe(false);
    expect((r as { problem: string }).problem).toMatch(problem);
    expect((r as { problem: string }).problem).not.toContain('\n');
  });
  it('refuses an oversized body before parsing it; of too many alerts takes the first 100 and counts the rest as truncated', () => {
    expect(parseAlertPayload(' '.repeat(MAX_ALERT_PAYLOAD_BYTES + 1))).toEqual({
      ok: false,
      problem: `alert payload is ${MAX_ALERT_PAYLOAD_BYTES + 1} bytes; the limit is ${MAX_ALERT_PAYLOAD_BYTES} (lower group_by fan-out or max_alerts in Alertmanager)`,
    });
    const many = JSON.parse(fixture('alertmanager-firing.json'));
    many.alerts = Array.from({ length: 103 }, (_, i) => ({ ...many.alerts[0], fingerprint: `fp${i}` }));
    many.truncatedAlerts = 2;
    // Alert 101 onwards is not even validated: a malformed one there must not sink the first 100.
    many.alerts[102].startsAt = 'not a time';
    const r = parseAlertPayload(JSON.stringify(many));
    expect(r).toMatchObject({ ok: true, truncated: 5 });
    if (r.ok) expect(r.alerts.map((a) => a.fingerprint)).toEqual(Array.from({ length: 100 }, (_, i) => `fp${i}`));
  });
});

describe('planAlertIntake', () => {
  it('a firing alert opens one draft whose incident file passes the checker', () => {
    const { steps, problems } = planAlertIntake(parsed('alertmanager-firing.json'), ctx());
    expect(problems).toEqual([]);
    const [draft] = opened(steps);
    expect(steps).toHaveLength(1);
    expect(draft!.branch).toBe('intake/3f2a9c01b7d4e865');
    const inc = draft!.incident;
    expect(inc.id).toBe('2026-11-28-kcps-block-storage-latency-high-3f2a9c01');
    expect(inc.detection).toEqual({ source: 'monitoring', at: '2026-11-28T09:02:13+09:00', ref: '3f2a9c01b7d4e865' });
    expect(inc.updates).toEqual([
      {
        at: '2026-11-28T09:12:00+09:00',
        status: 'investigating',
        message: { ja: expect.stringContaining('ブロックストレージ'), en: expect.stringContaining('Block storage') },
      },
    ]);
    expect(inc).toMatchObject({
      manager: 't-sato',
      responder: 'k-tanaka',
      department: 'cloud-infra-ops',
      components: [{ id: 'block-storage', status: 'partial_outage' }],
    });
    const findings = checkFile({ file: draft!.path, content: draft!.content }, { catalog, now: NOW }).findings;
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(draft!.clock).toContain('| customers notified | 2026-11-28 09:32 JST | **20 min left** |');
    expect(readCandidateMarker(draft!.body)).toEqual({
      id: inc.id,
      service: 'kcps',
      source: 'monitoring',
      fingerprints: ['3f2a9c01b7d4e865'],
    });
  });

  it('the same alert again refreshes the same draft instead of opening a second one', () => {
    const first = opened(planAlertIntake(parsed('alertmanager-firing.json'), ctx()).steps)[0]!;
    const again = planAlertIntake(
      parsed('alertmanager-firing.json'),
      ctx({ now: NOW + 5 * 60_000, candidates: [asCandidate(first, 7)] }),
    );
    expect(again.steps.map((s) => s.kind)).toEqual(['refresh-clock']);
    expect(again.steps[0]).toMatchObject({ pr: 7, clock: expect.stringContaining('**15 min left**') });
  });

  it('a resolved alert is noted on its draft, once per resolution (marker), and ignored without a draft', () => {
    const first = opened(planAlertIntake(parsed('alertmanager-firing.json'), ctx()).steps)[0]!;
    const resolved = planAlertIntake(
      parsed('alertmanager-resolved.json'),
      ctx({ candidates: [asCandidate(first, 7)] }),
    );
    expect(resolved.steps).toEqual([
      expect.objectContaining({
        kind: 'comment',
        pr: 7,
        marker: expect.stringContaining('intake-resolved:3f2a9c01b7d4e865:'),
      }),
    ]);
    expect((resolved.steps[0] as { body: string }).body).toContain('**resolved** at 2026-11-28T09:41:13+09:00');
    expect(planAlertIntake(parsed('alertmanager-resolved.json'), ctx()).steps.map((s) => s.kind)).toEqual(['skip']);
  });

  it('firing and resolved of one fingerprint in one notification, in either order: the draft opens and carries the resolved note', () => {
    const firing = JSON.parse(fixture('alertmanager-firing.json'));
    const resolved = JSON.parse(fixture('alertmanager-resolved.json'));
    for (const alerts of [
      [firing.alerts[0], resolved.alerts[0]],
      [resolved.alerts[0], firing.alerts[0]],
    ]) {
      const r = parseAlertPayload(JSON.stringify({ ...firing, alerts }));
      const { steps } = planAlertIntake((r as { alerts: NormalizedAlert[] }).alerts, ctx());
      expect(steps.map((s) => s.kind)).toEqual(['open-draft']);
      expect((steps[0] as { body: string }).body).toContain(
        '(`3f2a9c01b7d4e865`) **resolved** at 2026-11-28T09:41:13+09:00',
      );
    }
  });

  it('alerts of one service in one notification become one draft with several components', () => {
    const { steps } = planAlertIntake(parsed('alertmanager-grouped.json'), ctx());
    const drafts = opened(steps);
    expect(drafts).toHaveLength(1);
    expect(drafts[0]!.incident.components.map((c) => c.id)).toEqual(['block-storage', 'object-storage']);
    expect(readCandidateMarker(drafts[0]!.body)!.fingerprints).toEqual(['3f2a9c01b7d4e865', 'a81c2e44f09b3d17']);
    expect(
      checkFile({ file: drafts[0]!.path, content: drafts[0]!.content }, { catalog, now: NOW }).findings.filter(
        (f) => f.severity === 'error',
      ),
    ).toEqual([]);
  });

  it('a later alert of the same service gets its own draft, linked both ways (related + a comment on the earlier draft)', () => {
    const first = opened(planAlertIntake(parsed('alertmanager-firing.json'), ctx()).steps)[0]!;
    const dns = parsed('generic-firing.json');
    const { steps } = planAlertIntake(dns, ctx({ candidates: [asCandidate(first, 7)] }));
    const [draft] = opened(steps);
    expect(draft!.incident.related).toEqual([first.incident.id]);
    expect(draft!.body).toContain(`#7 (\`${first.incident.id}\`)`);
    expect(steps.find((s) => s.kind === 'comment')).toMatchObject({
      pr: 7,
      body: expect.stringContaining(draft!.incident.id),
    });
  });

  it('unknown labels are one clear line per alert, and the routable alerts still go ahead', () => {
    const body = JSON.parse(fixture('alertmanager-grouped.json'));
    body.alerts[1].labels = { alertname: 'Mystery', team: 'nobody' };
    body.alerts[0].labels.component = 'warp-drive';
    const r = parseAlertPayload(JSON.stringify(body));
    const { steps, problems } = planAlertIntake((r as { alerts: NormalizedAlert[] }).alerts, ctx());
    expect(problems).toEqual([
      'alert BlockStorageLatencyHigh (3f2a9c01b7d4e865): label component="warp-drive" is not a component of kcps; known components: virtual-servers, bare-metal, block-storage, object-storage, backup, internet-connectivity, load-balancer, dns, admin-console, api',
      'alert Mystery (a81c2e44f09b3d17): no intake route in config/catalog.yaml matches its labels {alertname="Mystery", team="nobody"}; add one under intake.routes (README, "Intake")',
    ]);
    expect(steps).toEqual([]);
  });

  it('a dismissed alert is not reopened; an acknowledged one is not drafted twice', () => {
    const alerts = parsed('alertmanager-firing.json');
    expect(
      planAlertIntake(
        alerts,
        ctx({
          dismissed: [
            {
              id: 'x',
              pr: 3,
              by: 't-sato',
              reason: 'test alert',
              at: '2026-11-28T09:10:00+09:00',
              fingerprints: ['3f2a9c01b7d4e865'],
            },
          ],
        }),
      ).steps,
    ).toEqual([
      { kind: 'skip', reason: expect.stringContaining('dismissed as not an incident by @t-sato (test alert)') },
    ]);
    const merged: Incident = makeIncident({
      detection: { source: 'monitoring', at: '2026-11-20T10:02:00+09:00', ref: '3f2a9c01b7d4e865' },
      updates: [makeIncident().updates[0]!],
    });
    expect(planAlertIntake(alerts, ctx({ incidents: [merged] })).steps.map((s) => s.kind)).toEqual(['skip']);
  });

  it('hostile alert text never reaches public fields, mentions nobody and carries no address', () => {
    const body = JSON.parse(fixture('alertmanager-firing.json'));
    body.alerts[0].annotations.summary = 'ping @octocat ``` </table> mail root@victim.example\n---\nid: hacked';
    body.alerts[0].labels.alertname = 'Evil`Name @everyone';
    const r = parseAlertPayload(JSON.stringify(body));
    const [draft] = opened(planAlertIntake((r as { alerts: NormalizedAlert[] }).alerts, ctx()).steps);
    expect(JSON.stringify([draft!.incident.title, draft!.incident.updates])).not.toMatch(/octocat|victim|Evil/);
    expect(draft!.content).not.toContain('root@victim.example');
    expect(draft!.body).not.toContain('root@victim.example');
    // Untrusted text in the pull request only inside code spans, so no @-mention fires.
    expect(draft!.body).toContain("`ping @octocat ''' </table> mail [address removed] --- id: hacked`");
    expect(
      checkFile({ file: draft!.path, content: draft!.content }, { catalog, now: NOW }).findings.filter(
        (f) => f.severity === 'error',
      ),
    ).toEqual([]);
  });

  it('an alert start slightly in the future (skewed clock) is dated now, so the draft stays valid; beyond the tolerance, or before 2000, it is refused', () => {
    const plan = (startsAt: string) => {
      const body = JSON.parse(fixture('alertmanager-firing.json'));
      body.alerts[0].startsAt = startsAt;
      return planAlertIntake((parseAlertPayload(JSON.stringify(body)) as { alerts: NormalizedAlert[] }).alerts, ctx());
    };
    const [draft] = opened(plan('2026-11-28T01:12:00Z').steps);
    expect(draft!.incident.detection!.at).toBe('2026-11-28T09:12:00+09:00');
    for (const [at, why] of [
      ['2026-11-28T01:12:01Z', /more than 60 minutes after now/],
      ['0001-01-01T00:00:00Z', /before 2000/],
      ['1970-01-01T00:00:00Z', /before 2000/],
    ] as const) {
      const p = plan(at);
      expect(opened(p.steps), at).toEqual([]);
      expect(p.problems, at).toEqual([expect.stringMatching(why)]);
    }
  });
});

describe('recurrence', () => {
  it('the same fingerprint starting again after a dismissal, or after its incident was resolved, is a new draft on its own branch', () => {
    const later = JSON.parse(fixture('alertmanager-firing.json'));
    later.alerts[0].startsAt = '2026-11-28T05:00:00Z';
    const alerts = (parseAlertPayload(JSON.stringify(later)) as { alerts: NormalizedAlert[] }).alerts;
    const now = Date.parse('2026-11-28T14:05:00+09:00');
    const dismissed = [
      {
        id: 'x',
        pr: 3,
        by: 't-sato',
        reason: 'test alert',
        at: '2026-11-28T09:20:00+09:00',
        fingerprints: ['3f2a9c01b7d4e865'],
      },
    ];
    const [draft] = opened(planAlertIntake(alerts, ctx({ now, dismissed })).steps);
    expect(draft!.branch).toBe('intake/3f2a9c01b7d4e865-20261128-1400');
    expect(draft!.incident.detection!.at).toBe('2026-11-28T14:00:00+09:00');
  });
});

describe('withFreeId', () => {
  const base = makeIncident({ id: '2026-11-28-kcps-vm' });
  it('keeps a free id, else appends -2, -3, … past every taken one, and never changes the input', () => {
    expect(withFreeId(base, new Set()).id).toBe('2026-11-28-kcps-vm');
    expect(withFreeId(base, new Set(['2026-11-28-kcps-vm'])).id).toBe('2026-11-28-kcps-vm-2');
    expect(withFreeId(base, new Set(['2026-11-28-kcps-vm', '2026-11-28-kcps-vm-2', '2026-11-28-kcps-vm-3'])).id).toBe(
      '2026-11-28-kcps-vm-4',
    );
    // Not "-2-2": the suffix always goes on the original id.
    expect(withFreeId(base, new Set(['2026-11-28-kcps-vm', '2026-11-28-kcps-vm-2', '2026-11-28-kcps-vm-2-2'])).id).toBe(
      '2026-11-28-kcps-vm-3',
    );
    expect(base.id).toBe('2026-11-28-kcps-vm');
  });
});
