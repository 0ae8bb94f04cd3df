import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '../../../test/builders.ts';
import { checkFile } from '../check/check-incidents.ts';
import type { IntakeStep } from './alert-plan.ts';
import { readCandidateMarker } from './candidate.ts';
import { parseIssueForm, planDeclaration, type DeclaredIssue } from './issue-form.ts';

/** Issue-form bodies exactly as GitHub renders them (desk-inquiry.yml, problem-ticket.yml). */
const DESK_BODY = readFileSync(new URL('../../../test/fixtures/issue-forms/desk-inquiry.md', import.meta.url), 'utf8');
const TICKET_BODY = readFileSync(
  new URL('../../../test/fixtures/issue-forms/problem-ticket.md', import.meta.url),
  'utf8',
);

const SUNDAY = Date.parse('2026-11-29T10:00:00+09:00');
const issue = (over: Partial<DeclaredIssue> = {}): DeclaredIssue => ({
  number: 41,
  url: 'https://github.test/o/r/issues/41',
  title: 'Login errors reported',
  body: DESK_BODY,
  labels: ['desk-inquiry', 'declare-incident'],
  assignees: ['m-ishii'],
  ...over,
});
const draftOf = (steps: IntakeStep[]) =>
  steps.find((s): s is Extract<IntakeStep, { kind: 'open-draft' }> => s.kind === 'open-draft')!;

describe('parseIssueForm', () => {
  it('reads "### Label" sections; "_No response_" is empty; CRLF bodies too', () => {
    const form = parseIssueForm(TICKET_BODY.replace(/\n/g, '\r\n'));
    expect(form.get('Service')).toBe('kcps');
    expect(form.get('Who is affected, and how?')).toBe('');
    expect(form.get('What did you observe?')).toBe('Write latency graphs spiking on three nodes.');
  });
  it('a heading typed inside a value cannot override an earlier field', () => {
    const form = parseIssueForm(`${DESK_BODY}\n### Service\n\nkcps\n`);
    expect(form.get('Service')).toBe('kbi');
  });
  it('an oversized body is not a form', () => {
    expect(parseIssueForm(`### Service\n\nkbi\n${'x'.repeat(70_000)}`).size).toBe(0);
  });
});

describe('planDeclaration', () => {
  it('a KBI desk inquiry on a Saturday night: the clock starts at the next desk opening; the responder is the assignee', () => {
    const d = planDeclaration(issue(), 'r-yamamoto', catalog, SUNDAY, new Set());
    expect(d.ok).toBe(true);
    const draft = draftOf((d as { steps: IntakeStep[] }).steps);
    expect(draft.incident).toMatchObject({
      service: 'kbi',
      manager: 'r-yamamoto',
      responder: 'm-ishii',
      department: 'id-service-ops',
      detection: { source: 'inquiry', at: '2026-11-28T22:40:00+09:00', ref: 'CASE-20261128-0042' },
      components: [
        { id: 'login', status: 'partial_outage' },
        { id: 'mfa', status: 'partial_outage' },
      ],
    });
    expect(draft.branch).toBe('intake/issue-41');
    expect(draft.clock).toContain("Clock started 2026-11-30 09:00 JST (the desk's next opening");
    expect(draft.clock).toContain('| customers notified | 2026-11-30 09:30 JST | **1410 min left** |');
    expect(readCandidateMarker(draft.body)).toMatchObject({ source: 'inquiry', issue: 41 });
    expect(draft.body).toContain('from #41');
    expect(
      checkFile({ file: draft.path, content: draft.content }, { catalog, now: SUNDAY }).findings.filter(
        (f) => f.severity === 'error',
      ),
    ).toEqual([]);
  });

  it('a problem ticket: detection source ticket, ref the issue, the clock from the time noticed', () => {
    const d = planDeclaration(
      issue({ body: TICKET_BODY, labels: ['problem-ticket'], assignees: ['k-tanaka'] }),
      't-sato',
      catalog,
      Date.parse('2026-11-28T09:50:00+09:00'),
      new Set(),
    );
    const draft = draftOf((d as { steps: IntakeStep[] }).steps);
    expect(draft.incident.detection).toEqual({ source: 'ticket', at: '2026-11-28T09:40:00+09:00', ref: '#41' });
    expect(draft.clock).toContain('**20 min left**');
  });

  it('without an assignee the declaring manager is named responder, so the clock still shows at once; a possible security issue is proposed as security', () => {
    const d = planDeclaration(issue({ assignees: [] }), 'r-yamamoto', catalog, SUNDAY, new Set());
    const steps = (d as { steps: IntakeStep[] }).steps;
    expect(draftOf(steps).incident.responder).toBe('r-yamamoto');
    expect(steps.find((s) => s.kind === 'comment')).toMatchObject({
      body: expect.stringContaining('Nobody was assigned'),
    });
    const sec = planDeclaration(
      issue({
        body: TICKET_BODY.replace('\nNo\n', '\nYes: tell the security office now as well\n'),
        labels: ['problem-ticket'],
      }),
      't-sato',
      catalog,
      Date.parse('2026-11-28T09:50:00+09:00'),
      new Set(),
    );
    const secDraft = draftOf((sec as { steps: IntakeStep[] }).steps);
    expect(secDraft.incident.type).toBe('security');
    expect(
      checkFile(
        { file: secDraft.path, content: secDraft.content },
        { catalog, now: Date.parse('2026-11-28T09:50:00+09:00') },
      ).findings.filter((f) => f.severity === 'error'),
    ).toEqual([]);
  });

  it('personal data typed into the report despite the form never reaches the draft', () => {
    const body = DESK_BODY.replace(
      'the login page shows "error 503".',
      'call me back on 090-1234-5678 or +81 3 1234 5678, mail taro@customer.example',
    );
    const draft = draftOf(
      (planDeclaration(issue({ body }), 'r-yamamoto', catalog, SUNDAY, new Set()) as { steps: IntakeStep[] }).steps,
    );
    expect(draft.content).toContain('call me back on [phone removed] or [phone removed], mail [address removed]');
    expect(draft.content).toContain('ref: CASE-20261128-0042');
  });

  it.each([
    [
      'someone who is not a manager of the service',
      {},
      'k-tanaka',
      /@k-tanaka is not a manager of a department responsible for kbi; only @a-kobayashi, @r-yamamoto, @s-fujita can declare it/,
    ],
    ['a manager of another service only', {}, 'k-nakamura', /not a manager/],
    ['an ordinary issue', { labels: ['question'] }, 'r-yamamoto', /only a desk inquiry/],
    [
      'an unknown component',
      { body: DESK_BODY.replace('login, mfa', 'login, teleport') },
      'r-yamamoto',
      /Components "teleport" not in kbi/,
    ],
    [
      'a naive time',
      { body: DESK_BODY.replace('2026-11-28T22:40:00+09:00', '2026-11-28 22:40') },
      'r-yamamoto',
      /write an RFC 3339 time with offset/,
    ],
    [
      'a future time',
      { body: DESK_BODY.replace('2026-11-28T22:40:00+09:00', '2026-12-28T22:40:00+09:00') },
      'r-yamamoto',
      /is in the future/,
    ],
    [
      'a case number with spaces (a name?)',
      { body: DESK_BODY.replace('CASE-20261128-0042', 'Taro Yamada') },
      'r-yamamoto',
      /must be one short token/,
    ],
  ])('refuses %s with one line', (_n, over, by, problem) => {
    const d = planDeclaration(issue(over), by, catalog, SUNDAY, new Set());
    expect(d.ok).toBe(false);
    expect((d as { problem: string }).problem).toMatch(problem);
  });
});

describe('planDeclaration with hostile form values', () => {
  it('a case number holding a telephone number or an address is refused without echoing it; a year-1 time is refused', () => {
    for (const [value, kind] of [
      ['090-1234-5678', 'a telephone number'],
      ['０３－１２３４－５６７８', 'a telephone number'],
      ['taro＠example.co.jp', 'an e-mail address'],
    ] as const) {
      const d = planDeclaration(
        issue({ body: DESK_BODY.replace('CASE-20261128-0042', value) }),
        'r-yamamoto',
        catalog,
        SUNDAY,
        new Set(),
      );
      expect(d, value).toMatchObject({ ok: false, problem: expect.stringContaining(`Case number holds ${kind}`) });
      expect((d as { problem: string }).problem).not.toContain(value);
    }
    const at = DESK_BODY.match(/### Inquiry received at\n\n(.*)\n/)![1]!;
    expect(
      planDeclaration(
        issue({ body: DESK_BODY.replace(at, '0001-01-01T00:00:00Z') }),
        'r-yamamoto',
        catalog,
        SUNDAY,
        new Set(),
      ),
    ).toMatchObject({ ok: false, problem: expect.stringMatching(/before 2000/) });
  });

  it('a bot assignee is passed over: the declarer is responder, and the issue is told why', () => {
    const d = planDeclaration(issue({ assignees: ['dependabot[bot]'] }), 'r-yamamoto', catalog, SUNDAY, new Set());
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(draftOf(d.steps).incident.responder).toBe('r-yamamoto');
    const link = d.steps.find((s) => s.kind === 'comment') as { body: string };
    expect(link.body).toContain('`dependabot[bot]` cannot be a responder');
    const both = planDeclaration(
      issue({ assignees: ['dependabot[bot]', 'm-ishii'] }),
      'r-yamamoto',
      catalog,
      SUNDAY,
      new Set(),
    );
    expect(both.ok && draftOf(both.steps).incident.responder).toBe('m-ishii');
  });
});
