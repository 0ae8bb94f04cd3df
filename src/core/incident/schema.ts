/**
 * The incident file's front-matter. One schema, used by the checker, the
 * authoring CLI and the site's content collection. Field-level shape lives
 * here; rules that relate fields to each other, to the catalog or to the base
 * version live in `src/core/rules/`.
 */
import { z } from 'zod';
import {
  BilingualSchema,
  DateOnlySchema,
  DateTimeSchema,
  LoginSchema,
  NonBlankSchema,
  SlugSchema,
} from '../schema-parts.ts';

export const INCIDENT_TYPES = ['failure', 'vulnerability', 'security', 'maintenance'] as const;
export const SEVERITIES = ['sev1', 'sev2', 'sev3', 'sev4'] as const;
/** Public status of an incident update (Statuspage vocabulary). */
export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
/** Public status of a maintenance update. */
export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
/** How bad it is for one component (Statuspage vocabulary). */
export const COMPONENT_IMPACTS = [
  'degraded_performance',
  'partial_outage',
  'major_outage',
  'under_maintenance',
] as const;
export const DETECTION_SOURCES = ['monitoring', 'inquiry', 'ticket'] as const;
export const PREVENTION_STATUSES = ['open', 'in_progress', 'done', 'risk_accepted'] as const;
/** Root-cause categories for the management review (GitLab-style). */
export const CAUSE_CATEGORIES = [
  'software_change',
  'config_change',
  'hardware',
  'capacity',
  'external_dependency',
  'security',
  'operator_action',
  'indeterminate',
] as const;
export const POSTMORTEM_STATUSES = ['draft', 'in_review', 'approved'] as const;

export type IncidentType = (typeof INCIDENT_TYPES)[number];
export type Severity = (typeof SEVERITIES)[number];
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];
export type MaintenanceStatus = (typeof MAINTENANCE_STATUSES)[number];
export type UpdateStatus = IncidentStatus | MaintenanceStatus;
export type ComponentImpact = (typeof COMPONENT_IMPACTS)[number];

/** An incident id: the JST date it started, the service, a short slug. Equal to the file stem. */
export const IncidentIdSchema = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'expected "<YYYY-MM-DD>-<slug>", e.g. "2026-11-20-kcps-storage-latency"',
  );

/** An opaque customer id. Never a name or an address: the repository is not a customer directory. */
export const CustomerIdSchema = z
  .string()
  .regex(/^cust-[a-z0-9]{4,32}$/, 'expected an opaque customer id like "cust-7f3a9c"');

export const UpdateSchema = z.strictObject({
  /** When this update was published. */
  at: DateTimeSchema,
  /** Public status after this update. */
  status: z.enum([...INCIDENT_STATUSES, ...MAINTENANCE_STATUSES]),
  /** What customers read, in both languages. */
  message: BilingualSchema,
  /** Customer-scope incidents: e-mail this update to the affected customers (default true). */
  notify_customers: z.boolean().optional(),
  /** Required when this update reopens a resolved incident: why the impact came back. */
  reopen_reason: NonBlankSchema.optional(),
  /** When the next update is promised (customers are told in the notice); after this update's time. */
  next_update_at: DateTimeSchema.optional(),
});
export type Update = z.output<typeof UpdateSchema>;

export const AffectedComponentSchema = z.strictObject({
  /** Component id from the catalog, within the incident's service. */
  id: SlugSchema,
  /** Worst impact on this component during the incident. */
  status: z.enum(COMPONENT_IMPACTS),
});

export const DetectionSchema = z.strictObject({
  /** The event source (the policy page, src/content/kb/en/policy.md, "How an incident starts"): monitoring alarm, customer inquiry to the desk, or an employee's problem ticket. */
  source: z.enum(DETECTION_SOURCES),
  /** When the earliest signal arrived: alarm fired, inquiry received, ticket created. Starts the SLA clock. */
  at: DateTimeSchema,
  /** Reference in the source system (alarm id, case number, ticket number). */
  ref: NonBlankSchema.optional(),
});

export const PreventionActionSchema = z.strictObject({
  id: z.string().regex(/^[A-Z]+-?\d+$/, 'expected an action id like "PA-1"'),
  title: NonBlankSchema,
  owner: LoginSchema,
  /** Date the action is due (JST). */
  due: DateOnlySchema,
  status: z.enum(PREVENTION_STATUSES),
  /** For risk_accepted: the manager who accepted the risk. */
  accepted_by: LoginSchema.optional(),
  /** Link to the tracking ticket or pull request. */
  tracking: NonBlankSchema.optional(),
});
export type PreventionAction = z.output<typeof PreventionActionSchema>;

export const PostmortemSchema = z.strictObject({
  status: z.enum(POSTMORTEM_STATUSES),
  /** Force a postmortem even where the rules do not require one (the manager's call). */
  requested: z.boolean().optional(),
  /** Logins of the approvers; must match the approving reviews on the pull request. */
  approvers: z.array(LoginSchema).optional(),
  approved_at: DateTimeSchema.optional(),
  /** Path of the full postmortem document in this repository. */
  document: NonBlankSchema.optional(),
  /** The reviewed public summary shown on the incident page. */
  summary: BilingualSchema.optional(),
  /** Root-cause category, for the management review's trends. */
  cause_category: z.enum(CAUSE_CATEGORIES).optional(),
});
export type Postmortem = z.output<typeof PostmortemSchema>;

/** The one audited way to change a fact that is otherwise immutable. */
export const CorrectionSchema = z.strictObject({
  at: DateTimeSchema,
  /** Path of the corrected field, e.g. "detection.at" or "updates[2].message.en". */
  field: NonBlankSchema,
  old: z.unknown(),
  new: z.unknown(),
  reason: NonBlankSchema,
  by: LoginSchema,
});
export type Correction = z.output<typeof CorrectionSchema>;

export const IncidentSchema = z.strictObject({
  /** Stable id; equals the file stem; never changes. */
  id: IncidentIdSchema,
  title: BilingualSchema,
  /** Service id from the catalog. */
  service: SlugSchema,
  /** failure, vulnerability, security (the policy's three kinds) or planned maintenance. */
  type: z.enum(INCIDENT_TYPES),
  /** sev1 (worst) to sev4. Required for everything but maintenance. */
  severity: z.enum(SEVERITIES).optional(),
  /** public: service-wide, posted on the site. customer: specific customers, e-mailed only, never published. */
  scope: z.enum(['public', 'customer']),
  /** Opaque ids of the affected customers (customer scope only). */
  customers: z.array(CustomerIdSchema).optional(),
  components: z.array(AffectedComponentSchema).min(1, 'name at least one affected component'),
  /** Customer-facing impact statement. */
  impact: BilingualSchema.optional(),
  /** How and when the provider learned of it. Required for everything but maintenance. */
  detection: DetectionSchema.optional(),
  /** Other incidents of the same event (concurrent failures kept apart but linked); ids that exist (INC140). */
  related: z.array(IncidentIdSchema).max(20).optional(),
  /** Planned window (maintenance only). */
  window: z.strictObject({ start: DateTimeSchema, end: DateTimeSchema }).optional(),
  /** Department responsible for the event (catalog id). */
  department: SlugSchema,
  /** Manager of that department who owns the response; notified on every status update. */
  manager: LoginSchema,
  /** Engineer assigned by the manager to find and fix the cause. */
  responder: LoginSchema,
  /** Append-only public timeline. */
  updates: z.array(UpdateSchema).min(1, 'an incident needs at least one update'),
  /** When service was restored at the provider's layer. Stops the recovery clock. */
  recovered_at: DateTimeSchema.optional(),
  /** What customers must do on their side (shared responsibility), shown on resolution. */
  customer_actions: BilingualSchema.optional(),
  prevention: z.array(PreventionActionSchema).optional(),
  postmortem: PostmortemSchema.optional(),
  corrections: z.array(CorrectionSchema).optional(),
  closed_at: DateTimeSchema.optional(),
  /** Internal notes: never published, never e-mailed. */
  internal: z.strictObject({ notes: z.string() }).optional(),
});

export type Incident = z.output<typeof IncidentSchema>;
export type IncidentInput = z.input<typeof IncidentSchema>;
