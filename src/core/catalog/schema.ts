/**
 * The service catalog: what services exist, their components, desks, SLA
 * targets, departments and approvers. Validated once, used everywhere.
 */
import { z } from 'zod';
import { BilingualSchema, LoginSchema, SlugSchema } from '../schema-parts.ts';
import { JST_TIME_ZONE } from '../time.ts';
import { IntakeSchema } from './intake-schema.ts';

const HHMM = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time like "09:00"');
const MMDD = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected a month-day like "12-29"');
const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);

/** When a support desk takes customer inquiries; drives the SLA clock start for inquiries. */
export const DeskSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    /** Staffed 24 hours a day, 365 days a year. */
    kind: z.literal('always-open'),
  }),
  z.strictObject({
    kind: z.literal('business-hours'),
    /** IANA zone the hours are in. Only Asia/Tokyo is supported (no DST, Japanese holiday data). */
    timezone: z.literal(JST_TIME_ZONE),
    open: HHMM,
    close: HHMM,
    weekdays: z.array(Weekday).min(1),
    /** Closed on Japanese public holidays (national, substitute and citizens' holidays). */
    public_holidays: z.enum(['jp', 'none']),
    /** Company closures that repeat every year, e.g. the year-end closure 12-29 to 01-03 (inclusive, may wrap the year). */
    closures: z.array(z.strictObject({ from: MMDD, to: MMDD, name: BilingualSchema.optional() })).default([]),
  }),
]);
export type Desk = z.output<typeof DeskSchema>;

export const SlaTargetsSchema = z.strictObject({
  /** Minutes from clock start until customers must be notified. */
  notify_minutes: z.number().int().positive(),
  /** Minutes from clock start until service must be recovered. */
  recover_minutes: z.number().int().positive(),
});
export type SlaTargets = z.output<typeof SlaTargetsSchema>;

export const ComponentSchema = z.strictObject({
  id: SlugSchema,
  name: BilingualSchema,
  description: BilingualSchema.optional(),
});

export const ComponentGroupSchema = z.strictObject({
  id: SlugSchema,
  name: BilingualSchema,
  components: z.array(ComponentSchema).min(1),
});

export const ServiceSchema = z.strictObject({
  id: SlugSchema,
  name: BilingualSchema,
  description: BilingualSchema,
  component_groups: z.array(ComponentGroupSchema).min(1),
  desk: DeskSchema,
  /** Where service-wide incidents are posted: this site's section, plus an optional external page. */
  channel: z.strictObject({
    section: SlugSchema,
    external_url: z.url().optional(),
    external_name: BilingualSchema.optional(),
  }),
  sla: SlaTargetsSchema,
  /** The customer's side of shared responsibility, for the knowledge site and resolution notices. */
  customer_responsibility: BilingualSchema,
  /** Logins of the service owners (postmortem approvers for this service). */
  owners: z.array(LoginSchema).min(1),
  /** The name customers know the service by in e-mail subjects, e.g. "KCPS" (short: the title follows it). */
  short_name: z.string().trim().min(1).max(16),
  /** The support desk customers are told to contact, in every customer notice's signature. No personal address. */
  support: z.strictObject({
    name: BilingualSchema,
    hours: BilingualSchema,
    url: z.url(),
    phone: z
      .string()
      .regex(/^[0-9+][0-9-]{5,19}$/, 'expected a phone number like "0120-000-000"')
      .optional(),
  }),
});
export type Service = z.output<typeof ServiceSchema>;

export const DepartmentSchema = z.strictObject({
  id: SlugSchema,
  name: BilingualSchema,
  /** Services this department is responsible for. */
  services: z.array(SlugSchema).min(1),
  /** Logins of the department's managers; one of them is named on each incident. */
  managers: z.array(LoginSchema).min(1),
});
export type Department = z.output<typeof DepartmentSchema>;

export const CatalogSchema = z.strictObject({
  site: z.strictObject({
    /** Public URL of the status site, without a trailing slash. Hints in checker messages link here. */
    url: z.url().refine((u) => !u.endsWith('/'), 'leave off the trailing slash'),
    name: BilingualSchema,
    /** The operator's name, as it signs customer notices (e.g. "KCPS 運営事務局" / "KCPS Operations"). */
    provider: BilingualSchema,
  }),
  services: z.array(ServiceSchema).min(1),
  departments: z.array(DepartmentSchema).min(1),
  /** Logins of the security officers (required approvers for security incidents). */
  security_officers: z.array(LoginSchema).min(1),
  /** How monitoring alerts map to services and components (see README, "Intake"). */
  intake: IntakeSchema.optional(),
});
export type Catalog = z.output<typeof CatalogSchema>;
