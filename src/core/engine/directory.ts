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

export const DirectorySchema = z.strictObject({
  customers: z.record(CustomerIdSchema, z.strictObject({
    /** Contact addresses given in the customer's application. */
    contacts: z.array(Email).min(1),
  })),
  /** Staff addresses by GitHub login (managers and responders). */
  staff: z.record(LoginSchema, Email),
});
export type Directory = z.output<typeof DirectorySchema>;

/** Problems as "path: message", never echoing the addresses themselves. */
export function directoryProblems(data: unknown): string[] {
  const parsed = DirectorySchema.safeParse(data);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.') || 'directory'}: ${i.code === 'invalid_format' ? 'not a valid e-mail address' : i.message}`);
}
