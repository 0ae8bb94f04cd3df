/**
 * Desk inquiries and problem tickets, from the issue-form body GitHub
 * renders ("### Label", a blank line, the value; "_No response_" when an
 * optional field was left empty) to a draft incident, on a manager's
 * declaration. Pure: the issue's facts come in, steps go out.
 */
import { newIncident } from '../authoring/operations.ts';
import type { CatalogIndex } from '../catalog/index.ts';
import { incidentPath } from '../incident/paths.ts';
import { serializeIncident } from '../incident/serialize.ts';
import { datetimeProblem, toJstIso, toMs } from '../time.ts';
import type { IntakeStep } from './alert-plan.ts';
import { branchFor, candidateMarker, withFreeId } from './candidate.ts';
import { EARLIEST_EVENT_MS } from './event-time.ts';
import { findPersonalData } from '../privacy/personal-data.ts';
import { LoginSchema } from '../schema-parts.ts';
import { clockComment, code, draftTexts, untrusted } from './draft-text.ts';

/** Replaced by the draft pull request's number when the steps are performed. */
export const DRAFT_PLACEHOLDER = '{{draft}}';
export const DECLARE_LABEL = 'declare-incident';
export const DESK_LABEL = 'desk-inquiry';
export const TICKET_LABEL = 'problem-ticket';
/** Issue bodies are at most 65,536 characters on GitHub; anything longer is not a form we rendered. */
const MAX_BODY = 65_536;

/** The sections of an issue-form body, by label. */
export function parseIssueForm(body: string): Map<string, string> {
  const out = new Map<string, string>();
  if (body.length > MAX_BODY) return out;
  const parts = body.replace(/\r\n/g, '\n').split(/^### /m).slice(1);
  for (const part of parts) {
    const nl = part.indexOf('\n');
    const label = (nl < 0 ? part : part.slice(0, nl)).trim();
    const value = nl < 0 ? '' : part.slice(nl + 1).trim();
    if (label && !out.has(label)) out.set(label, value === '_No response_' ? '' : value);
  }
  return out;
}

/** The form's labels, as written in .github/ISSUE_TEMPLATE (desk-inquiry.yml, problem-ticket.yml). */
const FORMS = {
  inquiry: { at: 'Inquiry received at', ref: 'Case number', what: 'What the customer reports' },
  ticket: { at: 'When did you notice it?', ref: undefined, what: 'What did you observe?' },
} as const;

export interface DeclaredIssue {
  number: number;
  url: string;
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
}

export type Declaration = { ok: true; steps: IntakeStep[]; id: string } | { ok: false; problem: string };

/**
 * A manager's declaration: the draft incident from the form. The manager
 * must manage a department responsible for the service; the responder is
 * the person assigned on the issue; the detection time is the form's (an
 * inquiry to a closed KBI desk starts its clock at the next opening).
 */
export function planDeclaration(
  issue: DeclaredIssue,
  by: string,
  catalog: CatalogIndex,
  now: number,
  takenIds: ReadonlySet<string>,
): Declaration {
  const source = issue.labels.includes(DESK_LABEL)
    ? 'inquiry'
    : issue.labels.includes(TICKET_LABEL)
      ? 'ticket'
      : undefined;
  const where = `issue #${issue.number}`;
  if (!source)
    return {
      ok: false,
      problem: `${where}: only a desk inquiry (label ${DESK_LABEL}) or a problem ticket (label ${TICKET_LABEL}) can be declared an incident`,
    };
  const form = parseIssueForm(issue.body);
  const labels = FORMS[source];
  const serviceId = form.get('Service') ?? '';
  const service = catalog.service(serviceId);
  if (!service)
    return {
      ok: false,
      problem: `${where}: Service "${untrusted(serviceId, 40)}" is not in config/catalog.yaml; known: ${catalog.catalog.services.map((s) => s.id).join(', ')}`,
    };
  const department = catalog.catalog.departments.find((d) => d.services.includes(serviceId) && d.managers.includes(by));
  if (!department) {
    const managers = catalog.catalog.departments
      .filter((d) => d.services.includes(serviceId))
      .flatMap((d) => d.managers);
    return {
      ok: false,
      problem: `${where}: @${by} is not a manager of a department responsible for ${serviceId}; only ${[...new Set(managers)].map((m) => `@${m}`).join(', ')} can declare it`,
    };
  }
  // The clock must be visible at once: until someone is assigned, the declaring manager is named responder.
  // A bot (dependabot[bot]) or any login the incident schema refuses cannot answer for the clock: passed over.
  const assignee = issue.assignees.find((a) => LoginSchema.safeParse(a).success);
  const passedOver = issue.assignees.filter((a) => a !== assignee && !LoginSchema.safeParse(a).success);
  const responder = assignee ?? by;
  const known = catalog.componentIds(serviceId);
  const components = [
    ...new Set(
      (form.get('Components') ?? '')
        .split(/[,\s]+/)
        .map((c) => c.trim())
        .filter(Boolean),
    ),
  ];
  const unknown = components.filter((c) => !known.includes(c));
  if (!components.length || unknown.length)
    return {
      ok: false,
      problem: `${where}: Components ${unknown.length ? `"${untrusted(unknown.join(', '), 80)}" not` : 'not given or not'} in ${serviceId}; known: ${known.join(', ')}`,
    };
  const at = (form.get(labels.at) ?? '').trim();
  if (datetimeProblem(at))
    return {
      ok: false,
      problem: `${where}: "${labels.at}" is "${untrusted(at, 40)}"; write an RFC 3339 time with offset, e.g. 2026-11-28T22:40:00+09:00`,
    };
  if (toMs(at) > now) return { ok: false, problem: `${where}: "${labels.at}" ${at} is in the future` };
  if (toMs(at) < EARLIEST_EVENT_MS)
    return {
      ok: false,
      problem: `${where}: "${labels.at}" ${at} is before 2000; write when it really came in, e.g. 2026-11-28T22:40:00+09:00`,
    };
  const ref = labels.ref ? (form.get(labels.ref) ?? '').trim() : `#${issue.number}`;
  // The case number lands in the incident file: personal data typed there is refused, not copied (and not echoed).
  const personal = findPersonalData(ref);
  if (personal.length)
    return {
      ok: false,
      problem: `${where}: Case number holds ${personal.map((k) => (k === 'e-mail address' ? 'an e-mail address' : 'a telephone number')).join(' and ')}; write the desk's case number, e.g. CASE-20261128-0042 (no customer contact details in the form)`,
    };
  if (!ref || ref.length > 80 || /\s/.test(ref))
    return {
      ok: false,
      problem: `${where}: Case number "${untrusted(ref, 40)}" must be one short token, e.g. CASE-20261128-0042`,
    };

  const texts = draftTexts(catalog, serviceId, components);
  const incident = withFreeId(
    newIncident(
      {
        service: serviceId,
        type:
          source === 'ticket' && /^Yes/.test(form.get('Could this be a security issue?') ?? '')
            ? 'security'
            : 'failure',
        severity: 'sev3',
        scope: 'public',
        components: components.map((id) => ({ id, status: 'partial_outage' })),
        title: texts.title,
        detection: { source, at: toJstIso(toMs(at)), ref },
        department: department.id,
        manager: by,
        responder,
        message: texts.message,
        slug: `${source === 'inquiry' ? 'inquiry' : 'ticket'} ${issue.number} ${components.join(' ')}`,
        at: toJstIso(now),
      },
      catalog,
      now,
    ),
    takenIds,
  );
  const notes = [
    `Declared an incident by @${by} from ${source === 'inquiry' ? 'desk inquiry' : 'problem ticket'} #${issue.number}. Everything above is a proposal: edit it, then merge (the acknowledgement) or close unmerged with a reason.`,
    '',
    `- ${source === 'inquiry' ? 'Customer reports' : 'Observed'}: ${untrusted(form.get(labels.what) ?? '', 1000)}`,
  ].join('\n');
  const marker = candidateMarker({
    id: incident.id,
    service: serviceId,
    source,
    fingerprints: [],
    issue: issue.number,
  });
  const clock = clockComment(incident, catalog, now);
  const link = `<!-- status-portal:intake-declared:${incident.id} -->`;
  return {
    ok: true,
    id: incident.id,
    steps: [
      {
        kind: 'open-draft',
        branch: branchFor(`issue-${issue.number}`),
        path: incidentPath(incident.id),
        content: serializeIncident(incident, notes),
        title: `[intake] ${incident.title.en} (${serviceId}, #${issue.number})`,
        body: [
          marker,
          `Candidate incident **${incident.id}**, declared by @${by} from #${issue.number} (${source === 'inquiry' ? 'desk inquiry' : 'problem ticket'} ${code(issue.title, 120)}). Responder: @${responder}. The SLA clock runs from the ${source === 'inquiry' ? 'inquiry' : 'ticket'}; see the clock comment.`,
        ].join('\n'),
        clock,
        incident,
        reason: `declared by @${by}: ${source} #${issue.number} to draft ${incident.id}`,
      },
      {
        kind: 'comment',
        pr: issue.number,
        marker: link,
        body: `${link}\n📟 Declared an incident by @${by}. Draft incident \`${incident.id}\` is open for @${responder}: ${DRAFT_PLACEHOLDER}. Its clock is running.${assignee ? '' : ` ${passedOver.length ? `${passedOver.map((a) => `\`${untrusted(a, 60)}\``).join(', ')} cannot be a responder (not a person's GitHub login)` : 'Nobody was assigned'}, so the declaring manager is named responder: assign the responder on the pull request (the SLA warnings follow the assignee) and in the file.`}`,
        reason: `link #${issue.number} to the draft`,
      },
    ],
  };
}
