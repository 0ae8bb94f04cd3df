/**
 * The private directory: customer contacts and staff addresses. It never
 * lives in the repository; its path comes from an environment variable (a
 * secret in Actions). It is validated entry by entry: a bad entry is left
 * out and reported, and only the recipients it concerns go without e-mail;
 * everyone else is still sent to. Problems never echo the addresses.
 */
import { z } from 'zod';
import { CustomerIdSchema } from '../incident/schema.ts';
import { LoginSchema } from '../schema-parts.ts';

const Email = z.email();

/** The provider's documented limit of recipients per message; a customer notice carries one contact per message. */
export const MAX_RECIPIENTS_PER_MESSAGE = 50;

export const DirectorySchema = z.strictObject({
  customers: z.record(CustomerIdSchema, z.strictObject({
    /** Contact addresses given in the customer's application. */
    contacts: z.array(Email).min(1),
  })),
  /** Staff addresses by GitHub login (managers and responders). */
  staff: z.record(LoginSchema, Email),
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
  const unknown = Object.keys(data).filter((key) => key !== 'customers' && key !== 'staff').length;
  if (unknown) problems.push(`${unknown} unknown section(s) left out (expected only "customers" and "staff")`);

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
        if (typeof c !== 'string' || !Email.safeParse(c).success) problems.push(`customers.${id}.contacts.${n}: not a valid e-mail address; this contact gets no e-mail until fixed`);
        else if (seen.has(c.toLowerCase())) problems.push(`customers.${id}.contacts.${n}: listed twice; sent once`);
        else {
          seen.add(c.toLowerCase());
          valid.push(c);
        }
      });
      if (valid.length) directory.customers[id] = { contacts: valid };
      else if (contacts.length === 0) problems.push(`customers.${id}: no contacts; this customer gets no e-mail until one is added`);
      else problems.push(`customers.${id}: no valid contact; this customer gets no e-mail until fixed`);
    }
  }

  const staff = data.staff ?? {};
  if (!isRecord(staff)) problems.push('staff: expected a mapping of GitHub login to address');
  else {
    for (const [n, [login, address]] of Object.entries(staff).entries()) {
      if (!LoginSchema.safeParse(login).success) problems.push(`staff (entry ${n + 1}): the key is not a GitHub login; left out`);
      else if (typeof address !== 'string' || !Email.safeParse(address).success) problems.push(`staff.${login}: not a valid e-mail address; @${login} gets no e-mail until fixed`);
      else directory.staff[login] = address;
    }
  }
  return { directory, problems };
}
