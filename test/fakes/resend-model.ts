/**
 * Resend's documented behaviour for POST /emails/batch, shared by the HTTP
 * fake and the in-memory provider of the crash matrix, so both follow the
 * provider's documentation, not our adapter:
 * - at most 100 e-mails per batch request (docs: "Send batch emails", up to 100);
 * - `to`: string or array, at most 50 recipients per e-mail (docs: send-email, "Max 50");
 * - idempotency keys (docs: "Idempotency Keys"): at most 256 characters, kept
 *   24 hours; the same key with the same payload returns the original
 *   response without sending again; the same key with a different payload is
 *   409 `invalid_idempotent_request`. A request that failed validation is not
 *   remembered under its key.
 * One bad e-mail fails the whole batch (422), as the batch endpoint is atomic.
 */
export const LIMITS = {
  emailsPerBatch: 100,
  toPerEmail: 50,
  idempotencyKeyLength: 256,
  idempotencyHours: 24,
  requestsPerSecond: 2,
} as const;

export interface Delivered {
  to: string[];
  subject: string;
  text: string;
  html: string;
  idempotencyKey: string;
  id: string;
}

export interface ProviderReply {
  status: number;
  json: unknown;
}

export interface ResendModel {
  delivered: Delivered[];
  /** One already UTF-8-decoded request body and its idempotency key. */
  batch(body: string, key: string | undefined): ProviderReply;
  /** The same for a body already parsed (the in-memory port skips the JSON round trip). */
  batchParsed(emails: unknown, key: string | undefined): ProviderReply;
}

/** Structural equality of JSON values (object key order does not matter). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (
    typeof a !== 'object' ||
    typeof b !== 'object' ||
    a === null ||
    b === null ||
    Array.isArray(a) !== Array.isArray(b)
  )
    return false;
  if (Array.isArray(a))
    return a.length === (b as unknown[]).length && a.every((x, i) => sameJson(x, (b as unknown[])[i]));
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameJson((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

const error = (status: number, name: string, message: string): ProviderReply => ({
  status,
  json: { statusCode: status, name, message },
});
const ADDRESS = /^[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+$/;

export function createResendModel(clock: () => number = Date.now): ResendModel {
  const seen = new Map<string, { payload: unknown; ids: string[]; at: number }>();
  const delivered: Delivered[] = [];
  let next = 1;
  const model: ResendModel = {
    delivered,
    batch(body, key) {
      let emails: unknown;
      try {
        emails = JSON.parse(body);
      } catch {
        return error(422, 'validation_error', 'body is not valid JSON');
      }
      return model.batchParsed(emails, key);
    },
    batchParsed(emails, key) {
      if (key !== undefined && (key.length === 0 || key.length > LIMITS.idempotencyKeyLength))
        return error(
          400,
          'invalid_idempotency_key',
          `idempotency key must be 1 to ${LIMITS.idempotencyKeyLength} characters`,
        );
      // Payloads are compared as data, not bytes: key order and whitespace do not make a request different.
      const payload = emails;
      if (key !== undefined) {
        const previous = seen.get(key);
        if (previous && clock() - previous.at >= LIMITS.idempotencyHours * 3_600_000) seen.delete(key);
        else if (previous && !sameJson(previous.payload, payload))
          return error(409, 'invalid_idempotent_request', 'Same idempotency key used with a different request payload');
        else if (previous) return { status: 200, json: { data: previous.ids.map((id) => ({ id })) } };
      }
      if (!Array.isArray(emails) || emails.length === 0)
        return error(422, 'validation_error', 'expected an array of 1 to 100 emails');
      if (emails.length > LIMITS.emailsPerBatch)
        return error(422, 'validation_error', `at most ${LIMITS.emailsPerBatch} emails per batch`);
      const normalized: Omit<Delivered, 'idempotencyKey' | 'id'>[] = [];
      for (const [n, e] of (emails as Record<string, unknown>[]).entries()) {
        const to = typeof e.to === 'string' ? [e.to] : e.to;
        if (!Array.isArray(to) || to.length === 0)
          return error(422, 'missing_required_field', `emails[${n}].to is required`);
        if (to.length > LIMITS.toPerEmail)
          return error(422, 'validation_error', `emails[${n}].to: at most ${LIMITS.toPerEmail} recipients`);
        if (to.some((a) => typeof a !== 'string' || !ADDRESS.test(a)))
          return error(422, 'validation_error', `Invalid \`to\` field in emails[${n}]`);
        if (typeof e.from !== 'string' || typeof e.subject !== 'string')
          return error(422, 'missing_required_field', `emails[${n}]: from and subject are required`);
        normalized.push({
          to: to as string[],
          subject: e.subject,
          text: String(e.text ?? ''),
          html: String(e.html ?? ''),
        });
      }
      const ids = normalized.map(() => `email_${next++}`);
      normalized.forEach((e, i) => delivered.push({ ...e, idempotencyKey: key ?? '', id: ids[i]! }));
      if (key !== undefined) seen.set(key, { payload, ids, at: clock() });
      return { status: 200, json: { data: ids.map((id) => ({ id })) } };
    },
  };
  return model;
}
