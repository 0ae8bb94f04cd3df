/**
 * The private directory: customer contacts and staff addresses. It never
 * lives in the repository; its path comes from an environment variable (a
 * secret in Actions). It is validated entry by entry: a bad entry is left
 * out and reported, and only the recipients it concerns go without e-mail;
 * everyone else is still sent to. Problems never echo the addresses.
 */
import { z } from 'zod';
import { CustomerIdSchema } from '../incident/schema.ts';
import { EmailAddressSchema } from '../privacy/personal-data.ts';
import { LoginSchema } from '../schema-parts.ts';

const Email = EmailAddressSchema;

/** The provider's documented limit of recipients per message; a customer notice carries one contact per message. */
export const MAX_RECIPIENTS_PER_MESSAGE = 50;
/**
 * A customer's endpoint for pushed updates: `statuspage` (Statuspage's
 * webhook JSON, signed with `secret`), `slack` or `teams` (their incoming
 * webhooks; the URL itself is the credential). `lang` picks the language of
 * chat messages (`both`: Japanese, then English); `services` limits the
 * events to those services.
 */
/**
 * Where pushed updates may go: customers' receivers on the internet, over
 * https (the body is signed, but it still carries incident text). Plain http
 * only to this machine's loopback (a relay beside the runner; the tests' fake
 * receivers). Never a link-local or private address literal: from a runner
 * those reach cloud metadata and internal services (SSRF). A host name that
 * resolves to such an address is not caught here; redirects are refused when
 * sending.
 */
export function endpointUrlProblem(raw: string): string | undefined {
  if (!URL.canParse(raw)) return undefined; // the url format check reports it
  const url = new URL(raw);
  if (url.username || url.password) return 'no credentials in the URL (use the secret field)';
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const loopback = host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
  if (loopback) return undefined;
  const v4 = /^(\d+)\.(\d+)\.\d+\.\d+$/.exec(host);
  const [a, b] = v4 ? [Number(v4[1]), Number(v4[2])] : [NaN, NaN];
  const privateV4 =
    a === 0 ||
    a === 10 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 100 && b >= 64 && b <= 127);
  const privateV6 =
    host.includes(':') &&
    (host === '::' || /^f[cd]/.test(host) || /^fe[89ab]/.test(host) || host.startsWith('::ffff:'));
  if (privateV4 || privateV6)
    return "a private, link-local or unspecified address is never an endpoint (it would reach the runner's network, not a customer)";
  if (url.protocol !== 'https:') return "use https (plain http only to this machine's loopback)";
  return undefined;
}

export const WebhookEndpointSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and hyphens'),
    kind: z.enum(['statuspage', 'slack', 'teams']),
    url: z.url({ protocol: /^https?$/ }).superRefine((url, ctx) => {
      const problem = endpointUrlProblem(url);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
    secret: z.string().min(16, 'at least 16 characters').optional(),
    lang: z.enum(['ja', 'en', 'both']).default('both'),
    services: z.array(z.string()).optional(),
  })
  .refine((w) => w.kind !== 'statuspage' || w.secret !== undefined, {
    message: 'a statuspage endpoint needs a secret to sign its requests',
    path: ['secret'],
  });
export type WebhookEndpoint = z.output<typeof WebhookEndpointSchema>;

export const DirectorySchema = z.strictObject({
  customers: z.record(
    CustomerIdSchema,
    z.strictObject({
      /** Contact addresses given in the customer's application. */
      contacts: z.array(Email).min(1),
    }),
  ),
  /** Staff addresses by GitHub login (managers and responders). */
  staff: z.record(LoginSchema, Email),
  /** Customers' endpoints for pushed updates on public incidents (see webhooks.ts). */
  webhooks: z
    .array(WebhookEndpointSchema)
    .refine((list) => new Set(list.map((w) => w.id)).size === list.length, 'webhook ids must be unique')
    .optional(),
});
export type Directory = z.output<typeof DirectorySchema>;

export interface ParsedDirectory {
  /** The usable entries: every customer with at least one valid contact, every staff member with a valid address. */
  directory: Directory;
  /** One line per entry left out or trimmed, as "path: what is wrong" (never the address). */
  problems: string[];
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** Entry by entry: what can be used, and what is wrong with the rest. */
export function parseDirectory(data: unknown): ParsedDirectory {
  const directory: Directory = { customers: {}, staff: {} };
  const problems: string[] = [];
  if (!isRecord(data)) return { directory, problems: ['directory: expected a mapping with "customers" and "staff"'] };
  const unknown = Object.keys(data).filter(
    (key) => key !== 'customers' && key !== 'staff' && key !== 'webhooks',
  ).length;
  if (unknown)
    problems.push(`${unknown} unknown section(s) left out (expected only "customers", "staff" and "webhooks")`);

  const customers = data.customers ?? {};
  if (!isRecord(customers)) problems.push('customers: expected a mapping of customer id to { contacts: [...] }');
  else {
    for (const [n, [id, entry]] of Object.entries(customers).entries()) {
      // An invalid key is not echoed: it could be an address typed in the wrong place.
      if (!CustomerIdSchema.safeParse(id).success) {
        problems.push(`customers (entry ${n + 1}): the key is not a customer id (cust-…); left out`);
        continue;
      }
      const contacts = isRecord(entry) ? entry.contacts : undefined;
      if (!Array.isArray(contacts)) {
        problems.push(`customers.${id}: expected { contacts: [address, …] }; this customer gets no e-mail until fixed`);
        continue;
      }
      const seen = new Set<string>();
      const valid: string[] = [];
      contacts.forEach((c, n) => {
        if (typeof c !== 'string' || !Email.safeParse(c).success)
          problems.push(
            `customers.${id}.contacts.${n}: not a valid e-mail address; this contact gets no e-mail until fixed`,
          );
        else if (seen.has(c.toLowerCase())) problems.push(`customers.${id}.contacts.${n}: listed twice; sent once`);
        else {
          seen.add(c.toLowerCase());
          valid.push(c);
        }
      });
      if (valid.length) directory.customers[id] = { contacts: valid };
      else if (contacts.length === 0)
        problems.push(`customers.${id}: no contacts; this customer gets no e-mail until one is added`);
      else problems.push(`customers.${id}: no valid contact; this customer gets no e-mail until fixed`);
    }
  }

  const staff = data.staff ?? {};
  if (!isRecord(staff)) problems.push('staff: expected a mapping of GitHub login to address');
  else {
    for (const [n, [login, address]] of Object.entries(staff).entries()) {
      if (!LoginSchema.safeParse(login).success)
        problems.push(`staff (entry ${n + 1}): the key is not a GitHub login; left out`);
      else if (typeof address !== 'string' || !Email.safeParse(address).success)
        problems.push(`staff.${login}: not a valid e-mail address; @${login} gets no e-mail until fixed`);
      else directory.staff[login] = address;
    }
  }

  const webhooks = data.webhooks ?? [];
  if (!Array.isArray(webhooks)) problems.push('webhooks: expected a list of endpoints');
  else {
    const ids = new Set<string>();
    const usable: WebhookEndpoint[] = [];
    webhooks.forEach((entry, n) => {
      const parsed = WebhookEndpointSchema.safeParse(entry);
      // The URL and secret are credentials: a problem names the entry and the field, never the value.
      if (!parsed.success)
        problems.push(
          `webhooks.${n}: ${[...new Set(parsed.error.issues.map((i) => i.path.join('.') || 'entry'))].join(', ')} not valid; this endpoint gets nothing until fixed`,
        );
      else if (ids.has(parsed.data.id)) problems.push(`webhooks.${n}: id "${parsed.data.id}" is used twice; left out`);
      else {
        ids.add(parsed.data.id);
        usable.push(parsed.data);
      }
    });
    if (usable.length) directory.webhooks = usable;
  }
  return { directory, problems };
}
