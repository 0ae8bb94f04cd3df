/**
 * The catalog's intake section: which alert labels mean which service and
 * components, who is on call for them, and how close together two alerts of
 * one service must fire to be proposed as one incident.
 */
import { z } from 'zod';
import { LoginSchema, SlugSchema } from '../schema-parts.ts';

const LabelName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]{0,99}$/, 'expected a Prometheus label name such as "service"');

export const IntakeRouteSchema = z
  .strictObject({
    /** Every one of these labels must have exactly this value; the first matching route wins. */
    match: z
      .record(LabelName, z.string().min(1).max(200))
      .refine((m) => Object.keys(m).length > 0, 'name at least one label to match'),
    service: SlugSchema,
    /** Fixed components of the service this alert affects ... */
    components: z.array(SlugSchema).min(1).optional(),
    /** ... or the label whose value is the component id (e.g. "component"). */
    component_label: LabelName.optional(),
    /** The impact proposed in the draft; the responder corrects it. */
    impact: z.enum(['degraded_performance', 'partial_outage', 'major_outage']).default('partial_outage'),
    severity: z.enum(['sev1', 'sev2', 'sev3', 'sev4']).default('sev3'),
    /** Responsible department (catalog id); its first manager is named until the draft is edited. */
    department: SlugSchema,
    /** The on-call engineer named as responder in the draft until the manager assigns someone else. */
    responder: LoginSchema,
  })
  .refine(
    (r) => (r.components === undefined) !== (r.component_label === undefined),
    'give either components or component_label, not both',
  );
export type IntakeRoute = z.output<typeof IntakeRouteSchema>;

export const IntakeSchema = z.strictObject({
  routes: z.array(IntakeRouteSchema).min(1),
  /** Alerts of one service starting within this many minutes of an open candidate are proposed together. */
  group_minutes: z
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .default(15),
});
export type Intake = z.output<typeof IntakeSchema>;
