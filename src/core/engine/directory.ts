/**
 * The private directory: customer contacts and staff addresses. It never
 * lives in the repository; its path comes from an environment variable (a
 * secret in Actions). Validated before anything is sent, so an invalid
 * address is a clear error here, not a half-rejected batch at the provider.
 */
import { z } from 'zod';
import { CustomerIdSchema } from '../incident/schema.ts';
import { LoginSchema } from '../schema-parts.ts';

const Email = z.email();

/**
 * A customer's endpoint for pushed updates: `statuspage` (Statuspage's
 * webhook JSON, signed with `secret`), `slack` or `teams` (their incoming
 * webhooks; the URL itself is the credential). `lang` picks the language of
 * chat messages (`both`: Japanese, then English); `services` limits the
 * events to those services.
 */
export const WebhookEndpointSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and hyphens'),
    kind: z.enum(['statuspage', 'slack', 'teams']),
    url: z.url({ protocol: /^https?$/ }),
    secret: z.string().min(16, 'at least 16 characters').optional(),
    lang: z.enum(['ja', 'en', 'both']).default('both'),
    services: z.array(z.string()).optional(),
  })
  .refine((w) => w.kind !== 'statuspage' || w.secret !== undefined, { message: 'a statuspage endpoint needs a secret to sign its requests', path: ['secret'] });
export type WebhookEndpoint = z.output<typeof WebhookEndpointSchema>;

export const DirectorySchema = z.strictObject({
  customers: z.record(CustomerIdSchema, z.strictObject({
    /** Contact addresses given in the customer's application. */
    contacts: z.array(Email).min(1),
  })),
  /** Staff addresses by GitHub login (managers and responders). */
  staff: z.record(LoginSchema, Email),
  /** Customers' endpoints for pushed updates on public incidents (see webhooks.ts). */
  webhooks: z.array(WebhookEndpointSchema).refine((list) => new Set(list.map((w) => w.id)).size === list.length, 'webhook ids must be unique').optional(),
});
export type Directory = z.output<typeof DirectorySchema>;

/** Problems as "path: message", never echoing the addresses themselves. */
export function directoryProblems(data: unknown): string[] {
  const parsed = DirectorySchema.safeParse(data);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'directory'}: ${i.code === 'invalid_format' ? 'not a valid e-mail address' : i.message}`);
}
