/**
 * The rule catalog. Every check reports under a stable code; the code's entry
 * says what the rule protects and what right looks like. The knowledge site
 * renders one page per entry, and every finding's hint links to it.
 */
export type Severity = 'error' | 'warning';

export interface RuleDoc {
  code: string;
  /** Short name of the rule. */
  title: string;
  severity: Severity;
  /** Why the rule exists (policy or audit reason). */
  why: string;
  /** What a correct file looks like; shown as the hint. */
  right: string;
  /** A YAML snippet that passes the rule. */
  example?: string;
}

const rules = [
  // — reading the file
  { code: 'INC001', title: 'Unreadable file', severity: 'error', why: 'The checker, the site and the SLA engine must all read the same text; an empty, binary, non-UTF-8 or huge file cannot be an incident.', right: 'An incident file is UTF-8 Markdown under 1 MiB that starts with a YAML front-matter block.' },
  { code: 'INC002', title: 'No front-matter', severity: 'error', why: 'The incident\'s facts live in the YAML front-matter; the Markdown body is free narrative.', right: 'Start the file with a line "---", the YAML fields, and a closing "---" line.', example: '---\nid: 2026-11-20-kcps-storage-latency\n...\n---\nNarrative.' },
  { code: 'INC003', title: 'YAML syntax error', severity: 'error', why: 'A file that does not parse cannot be checked, published or notified.', right: 'Valid YAML: two-space indentation, "key: value" pairs, list items starting with "- ", quotes around text containing ": " or "#", no duplicate keys.' },
  { code: 'INC004', title: 'Missing required field', severity: 'error', why: 'Every incident carries the facts the policy and the SLA clocks need.', right: 'Add the field. `npm run incident -- new` writes a complete file.' },
  { code: 'INC005', title: 'Invalid value', severity: 'error', why: 'Fields have fixed types and vocabularies so the site, the API and the SLA engine agree on their meaning.', right: 'Use a value of the listed type or one of the listed values.' },
  { code: 'INC006', title: 'Unknown field', severity: 'error', why: 'A misspelt field is silently ignored by every reader; the fact it was meant to carry is lost.', right: 'Use only the documented fields (see incidents/README.md); fix the spelling.' },
  { code: 'INC007', title: 'Datetime without offset', severity: 'error', why: 'A time without an offset is ambiguous (JST or UTC?) and would move SLA clocks by nine hours.', right: 'Write RFC 3339 with an offset, quoted: "2026-11-20T10:02:00+09:00" (or ...Z for UTC).', example: 'detection:\n  at: "2026-11-20T10:02:00+09:00"' },
  // — identity and place
  { code: 'INC008', title: 'Id differs from file name', severity: 'error', why: 'The id is the key used by links, e-mails, the ledger and the audit export; one name everywhere.', right: 'The id equals the file name without ".md".' },
  { code: 'INC009', title: 'File in the wrong folder', severity: 'error', why: 'Incidents are filed by year so the site and the audit export find them.', right: 'Keep the file at incidents/<YYYY>/<id>.md, where YYYY is the year in the id.' },
  { code: 'INC010', title: 'Id date differs from the start date', severity: 'warning', why: 'The date in the id tells readers when it started; a different date misleads.', right: 'Begin the id with the JST date of detection (maintenance: of the window start).' },
  // — the catalog
  { code: 'INC020', title: 'Unknown service', severity: 'error', why: 'The service decides the desk calendar, SLA targets, public channel and approvers.', right: 'Use a service id from config/catalog.yaml.' },
  { code: 'INC021', title: 'Unknown component', severity: 'error', why: 'Component status on the site is computed from incidents; an unknown id would be lost.', right: 'Use component ids of the incident\'s service from config/catalog.yaml, each once.' },
  { code: 'INC022', title: 'Unknown department', severity: 'error', why: 'The responsible department\'s manager owns the response (policy §2).', right: 'Use a department id from config/catalog.yaml that is responsible for the service.' },
  { code: 'INC023', title: 'Manager not of the department', severity: 'error', why: 'The manager of the responsible department assigns the responder and is notified on every update.', right: 'Name one of the department\'s managers listed in config/catalog.yaml.' },
  // — the timeline
  { code: 'INC030', title: 'Updates out of order', severity: 'error', why: 'The timeline is read in order by customers, the SLA clocks and auditors.', right: 'Append updates in time order: each "at" is the same as or later than the one before.' },
  { code: 'INC031', title: 'Status change not allowed', severity: 'error', why: 'Statuses follow investigating → identified → monitoring → resolved (maintenance: scheduled → in_progress → verifying → completed); anything else confuses customers.', right: 'Move forward, or back to an earlier open status; after resolved only a reopen (investigating with reopen_reason).' },
  { code: 'INC032', title: 'Reopen without a reason', severity: 'error', why: 'A reopen changes the SLA figures and forces a postmortem; the reason is evidence.', right: 'Give the reopening update a reopen_reason.', example: '- at: "2026-11-20T12:40:00+09:00"\n  status: investigating\n  reopen_reason: Latency returned after the failover\n  message: { ja: ..., en: ... }' },
  { code: 'INC033', title: 'Detection after the first update', severity: 'error', why: 'The SLA clock starts at detection; nothing can be published before it.', right: 'detection.at is at or before the first update.' },
  { code: 'INC034', title: 'Timestamp in the future', severity: 'error', why: 'Recorded facts cannot be later than now; a future time would stop clocks early.', right: 'Record the actual time (the CLI fills it in). Only a maintenance window may lie in the future.' },
  { code: 'INC035', title: 'Recovery time inconsistent', severity: 'error', why: 'recovered_at stops the 2-hour recovery clock; it must fit the timeline.', right: 'A resolved incident has recovered_at after detection (and after any reopen) and at or before the resolving update.' },
  { code: 'INC036', title: 'Closure time inconsistent', severity: 'error', why: 'An incident is closed only after everything else happened.', right: 'closed_at is at or after the last update, recovered_at and the postmortem approval.' },
  // — scope and privacy
  { code: 'INC040', title: 'Customer scope without customers', severity: 'error', why: 'Customer-specific incidents are e-mailed to the affected customers; with none listed nobody is told.', right: 'List the opaque ids of the affected customers under customers.' },
  { code: 'INC041', title: 'Public incident names customers', severity: 'error', why: 'Public incidents are published; customer ids must never reach the public site.', right: 'Remove customers from a public incident, or make it scope: customer.' },
  { code: 'INC042', title: 'E-mail address in an incident file', severity: 'error', why: 'Contact addresses live only in the private directory; the repository is not a customer directory.', right: 'Refer to people by GitHub login and to customers by opaque id.' },
  // — type-specific
  { code: 'INC050', title: 'Maintenance fields', severity: 'error', why: 'Maintenance is planned: it has a window and its own statuses.', right: 'A maintenance has window.start < window.end and maintenance statuses (scheduled, in_progress, verifying, completed).' },
  { code: 'INC051', title: 'Incident fields', severity: 'error', why: 'An unplanned event needs a detection source and time (clock start), a severity, and incident statuses.', right: 'A failure, vulnerability or security incident has severity, detection, no window, and statuses investigating / identified / monitoring / resolved.' },
  // — closure
  { code: 'INC060', title: 'Closed too early', severity: 'error', why: 'An incident is complete only when it is resolved, its postmortem (where required) approved and its prevention actions done (policy §3).', right: 'Close only a resolved incident whose required postmortem is approved and whose prevention actions are done or risk-accepted.' },
  { code: 'INC061', title: 'Postmortem approval incomplete', severity: 'error', why: 'Approval is evidence: who approved and when.', right: 'An approved postmortem names its approvers and approved_at; a draft or in-review one names neither.' },
  { code: 'INC062', title: 'Prevention action overdue', severity: 'warning', why: 'Recurrence prevention is monitored until complete (policy §3).', right: 'Finish the action, move its due date with a note in the tracking ticket, or accept the risk (status risk_accepted, accepted_by).' },
  { code: 'INC063', title: 'Risk acceptance without owner', severity: 'error', why: 'Accepting a risk is a manager decision that auditors sample.', right: 'A risk_accepted action names accepted_by.' },
  { code: 'INC064', title: 'Postmortem required', severity: 'warning', why: 'sev1/sev2, security incidents, reopens and every SLA breach (a missed recovery or customer-notification target, judged from the ledger, or any breach the SLA engine raised) require a postmortem before closing.', right: 'Record the postmortem (postmortem: { status: draft }) and get it approved before closing.' },
  // — corrections
  { code: 'INC070', title: 'Correction does not apply', severity: 'error', why: 'A correction is the audited record of a changed fact; it must name a real field and the values it changed.', right: 'field is a path in this file such as "detection.at" or "updates[1].message.en"; old and new are the values before and after.' },
  // — across files
  { code: 'INC080', title: 'Duplicate id', severity: 'error', why: 'Ids key the site, the ledger and e-mails; two files with one id collide.', right: 'Give every incident its own id.' },
  // — postmortem documents
  { code: 'INC100', title: 'Postmortem document missing', severity: 'error', why: 'A postmortem under review or approved is a document reviewers read and auditors sample.', right: 'Create it with `npm run incident -- postmortem <id>` (postmortems/<id>.md) and set postmortem.document to that path.' },
  { code: 'INC101', title: 'Postmortem section missing', severity: 'error', why: 'Every postmortem answers the same questions, so reviews and audits compare like with like.', right: 'Keep every section of the template: Summary, Impact, Detection, Timeline, Root causes and contributing factors, Resolution and recovery, Shared-responsibility note, Communication review, Lessons learned, Action items, SLA breach reason, Public summary, Reviewer checklist.' },
  { code: 'INC102', title: 'Postmortem section not written', severity: 'error', why: 'A template placeholder is not an analysis.', right: 'Replace every TODO before the postmortem goes to review (status in_review or approved).' },
  { code: 'INC103', title: 'SLA breach reason missing', severity: 'error', why: 'A missed target, recovery or customer notification, must be explained: every breach forces a postmortem with its reason.', right: 'Under "SLA breach reason", say why the target was missed.' },
  // — customer notices
  { code: 'INC104', title: 'Next update promised in the past', severity: 'error', why: 'Customer notices tell customers when the next update will come; a time at or before the update itself is a promise that is already broken.', right: 'Set next_update_at to a time after the update\'s own time, or leave it out ("we will update you as soon as we know more").', example: '- at: "2026-11-20T10:14:00+09:00"\n  status: investigating\n  next_update_at: "2026-11-20T11:00:00+09:00"\n  message: { ja: ..., en: ... }' },
  // — approvals are facts
  { code: 'INC110', title: 'Approval changed by a correction', severity: 'error', why: 'An approval is proven by reviews on the pull request that records it; a correction would let anyone rewrite who approved and when without a review.', right: 'Never correct postmortem.status, approvers, approved_at or document. An approved postmortem\'s summary is what was approved: it is never corrected either. Record an approval only in a reviewed pull request (the review workflow proves it); to revise, withdraw it (status: in_review) and get it approved again.' },
  { code: 'INC111', title: 'Approved postmortem rewritten', severity: 'error', why: 'Auditors rely on the approved document being the one the approvers read.', right: 'Leave an approved postmortem and its document as they are. To change them, record a new approval (a later approved_at, the new approvers) in a pull request whose reviews prove it.' },
  { code: 'INC112', title: 'Approver not in a required role', severity: 'error', why: 'A postmortem is approved by the responsible department\'s manager, a service owner and, for security incidents, a security officer: one distinct person per role, as the catalog names them.', right: 'postmortem.approvers names one distinct person per required role from config/catalog.yaml (the department\'s manager, a service owner of the service, and for security incidents a security officer); one person never fills two roles.', example: 'postmortem:\n  status: approved\n  approvers: [manager-login, service-owner-login]\n  approved_at: "2026-11-25T10:00:00+09:00"' },
  { code: 'INC113', title: 'Approval before resolution', severity: 'error', why: 'A postmortem analyses a resolved incident; an approval dated before the incident was resolved cannot be real.', right: 'approved_at is the time the approving reviews were given, after the incident was resolved (and not in the future, INC034). A reopen after the approval withdraws it: to close the incident, approve the postmortem again after the last resolution.' },
  // — against the base version
  { code: 'INC090', title: 'Incident file deleted', severity: 'error', why: 'The incident population must stay complete for auditors; nothing is deleted.', right: 'Keep the file. A false alarm is resolved with an update saying so.' },
  { code: 'INC091', title: 'Incident file renamed', severity: 'error', why: 'The id (file name) is referenced by e-mails, links and the ledger.', right: 'Keep the file name; change the title instead.' },
  { code: 'INC092', title: 'Immutable field changed', severity: 'error', why: 'Published facts are evidence; changing them silently rewrites history.', right: 'Leave the field as it was and append a corrections entry with field, old, new, reason and by.', example: 'corrections:\n  - at: "2026-11-21T09:00:00+09:00"\n    field: detection.at\n    old: "2026-11-20T10:12:00+09:00"\n    new: "2026-11-20T10:02:00+09:00"\n    reason: Alarm log shows the first alert ten minutes earlier\n    by: your-login' },
  { code: 'INC093', title: 'Published update removed', severity: 'error', why: 'Updates are append-only: customers have read them.', right: 'Keep every published update; add a new update to correct course, or a corrections entry to fix a typo.' },
  { code: 'INC094', title: 'Correction history changed', severity: 'error', why: 'Corrections are the audit trail; they are append-only themselves.', right: 'Leave existing corrections as they are; append a new one.' },
  { code: 'INC095', title: 'Closed incident changed', severity: 'error', why: 'A closed incident is final evidence.', right: 'Change a closed incident only by appending corrections; a new occurrence is a new incident.' },
  { code: 'INC096', title: 'Ledger file changed', severity: 'error', why: 'The ledger is the record of what was sent; auditors rely on it never being rewritten.', right: 'Never edit, rename or delete files under ledger/; the SLA engine only adds new ones: ledger/<YYYY>/<run>.jsonl, every line a ledger entry. Nothing else is added under ledger/.' },
  // — hostile or misplaced input
  { code: 'INC120', title: 'YAML feature not allowed', severity: 'error', why: 'Anchors, aliases, merge keys, custom tags and directives are never needed to write an incident, and a few nested aliases make a 3 KB file expand to gigabytes in every reader; front-matter nested deeper than 24 levels or with more than 20,000 values is refused for the same reason.', right: 'Write every value out in full: plain keys and values, no "&name", "*name", "<<:", "!tag" or "%" directives.', example: 'corrections:\n  - field: detection.at\n    old: "2026-11-20T10:12:00+09:00"\n    new: "2026-11-20T10:02:00+09:00"' },
  { code: 'INC121', title: 'File misplaced under incidents/', severity: 'error', why: 'A file the checker does not read is never checked, published or notified; a misnamed incident would be silently lost.', right: 'Only incidents/<YYYY>/<id>.md (lowercase .md, no hidden folders) and incidents/README.md live under incidents/.' },
  { code: 'INC122', title: 'Symbolic link under incidents/', severity: 'error', why: 'A link can point outside the repository or nowhere; what is reviewed must be what is published.', right: 'Replace the link with the file itself.' },
  { code: 'INC123', title: 'Obfuscated address or phone number', severity: 'warning', why: 'A "name [at] example [dot] com" or a phone number is still personal data once published.', right: 'Refer to people by GitHub login and to customers by opaque id; give the desk\'s public channel instead of a personal number.' },
  { code: 'INC124', title: 'Maintenance status outside its window', severity: 'error', why: 'Customers plan around the announced window; "in progress" or "completed" long before it opens is false.', right: 'Post in_progress, verifying and completed no earlier than 60 minutes before window.start (the stated tolerance for starting early).' },
  { code: 'INC125', title: 'Field does not belong to a maintenance', severity: 'error', why: 'Severity, recovery time and reopening describe unplanned incidents; on a maintenance they would feed the SLA figures with facts that do not exist.', right: 'Remove severity, recovered_at and reopen_reason from a maintenance.' },
  { code: 'INC126', title: 'Decisive fact changed without a correction', severity: 'error', why: 'recovered_at decides whether the recovery target was met and severity whether a postmortem is required; once published as resolved they change only on the audit trail.', right: 'Keep the value, or append a corrections entry (field, old, new, reason, by). Reopening the incident clears recovered_at.', example: 'corrections:\n  - at: "2026-11-21T09:00:00+09:00"\n    field: recovered_at\n    old: "2026-11-20T11:04:00+09:00"\n    new: "2026-11-20T10:58:00+09:00"\n    reason: Metrics show recovery six minutes earlier\n    by: your-login' },
  { code: 'INC127', title: 'Reopen reason on an update that does not reopen', severity: 'error', why: 'A reopen changes the SLA figures and forces a postmortem; a reason on another update claims a reopen that did not happen.', right: 'Give reopen_reason only on the investigating update that follows resolved.' },
  { code: 'INC128', title: 'Comment cuts a value short', severity: 'warning', why: 'In YAML an unquoted " #" starts a comment: the rest of the line is silently dropped from the published text.', right: 'Quote text that contains " #": message: "see ticket #123".' },
  { code: 'INC129', title: 'Invisible character in text', severity: 'warning', why: 'Zero-width and bidirectional control characters make published text differ from what reviewers see.', right: 'Delete the character shown as <U+…> in the message.' },
  { code: 'INC130', title: 'Broken character in text', severity: 'error', why: 'A lone surrogate (an escape such as "\\ud800" without its pair) is not a character: pages show U+FFFD and e-mail bodies fail to encode.', right: 'Write the character itself, or a complete pair such as "\\ud83d\\ude00"; shown as <U+D800> in the message.' },
  { code: 'INC131', title: 'File misplaced under ledger/', severity: 'error', why: 'The SLA engine reads only ledger/<YYYY>/<run>.jsonl: a fact in any other file is silently lost, so a sent notification could be sent again.', right: 'Only ledger/<YYYY>/<run>.jsonl files (written by the bot) live under ledger/; delete or move anything else.' },
  // — intake
  { code: 'INC140', title: 'Related incident unknown', severity: 'error', why: 'Concurrent failures kept as separate incidents are linked so readers see them together; a link to nothing, or to itself, misleads.', right: 'related lists ids of other existing incidents, each once. When two drafts link each other, merge the earlier one first.', example: 'related:\n  - 2026-11-28-kcps-block-storage-latency' },
] as const satisfies readonly RuleDoc[];

export type RuleCode = (typeof rules)[number]['code'];
export const RULES: readonly RuleDoc[] = rules;
const byCode = new Map<string, RuleDoc>(rules.map((r) => [r.code, r]));

export function ruleDoc(code: RuleCode): RuleDoc {
  const doc = byCode.get(code);
  if (!doc) throw new Error(`unknown rule code ${code}`);
  return doc;
}

/** The knowledge-site page that explains a rule (English pages; the Japanese one drops "/en"). */
export function ruleUrl(siteUrl: string, code: string): string {
  return `${siteUrl}/en/kb/rules/${code.toLowerCase()}/`;
}
