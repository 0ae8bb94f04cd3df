/**
 * The e-mail port on the Resend SDK, within Resend's documented limits: one
 * call sends one batch (≤ 100 e-mails, each ≤ 50 `to` recipients) with an
 * idempotency key, so a retry after a lost response never delivers twice
 * (Resend keeps keys 24 h; the ledger covers the rest). 429 waits for
 * `retry-after`; when `ratelimit-remaining` reaches 0 the next request waits
 * for `ratelimit-reset` instead of earning a 429. 5xx, timeouts and network
 * errors back off and retry; 409 `invalid_idempotent_request` (same key,
 * other payload: an edit since a crash) is reported as a conflict, meaning
 * the earlier request under the key was accepted. Anything else is permanent.
 * Every attempt fits in the run's remaining time budget. Provider messages
 * are redacted with the shared personal-data redaction: they can echo addresses.
 */
import { createHash } from 'node:crypto';
import { Resend } from 'resend';
import { BATCH_SIZE, type EmailPort, type OutgoingEmail, type SendResult } from '../core/engine/ports.ts';
import { MAX_RECIPIENTS_PER_MESSAGE } from '../core/engine/directory.ts';
import { redactPersonalData } from '../core/privacy/personal-data.ts';

export interface ResendEmailOptions {
  apiKey: string;
  from: string;
  replyTo?: string;
  /** A local fake in tests; RESEND_BASE_URL works too. */
  baseUrl?: string;
  timeoutMs?: number;
  maxAttempts?: number;
  /** Injected so tests do not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** What is left of the run's time budget; no attempt or wait goes past it. */
  remainingMs?: () => number;
}

export class EmailSendError extends Error {
  readonly permanent: boolean;
  readonly status: number | null;
  constructor(message: string, permanent: boolean, status: number | null) {
    super(message);
    this.name = 'EmailSendError';
    this.permanent = permanent;
    this.status = status;
  }
}

/** Resend takes idempotency keys of up to 256 characters. */
export const MAX_KEY_LENGTH = 256;

/** A key within the provider's length, the same for the same input (so a retry carries the same key): long keys keep a readable head and a hash of the whole. */
export function providerKey(key: string): string {
  return key.length <= MAX_KEY_LENGTH
    ? key
    : `${key.slice(0, MAX_KEY_LENGTH - 65)}~${createHash('sha256').update(key).digest('hex')}`;
}
/**
 * The ids of an accepted batch: one non-empty id per message sent, in order.
 * A 200 without them (an empty list, an error object, a short list) is not
 * evidence of delivery: it fails, is not retried within the run (the same key
 * would only repeat the answer) and the next run tries again.
 */
export function acceptedIds(data: unknown, expected: number): string[] {
  const list = (data as { data?: unknown } | null)?.data;
  const ids = Array.isArray(list) ? list.map((d) => (d as { id?: unknown } | null)?.id) : [];
  if (ids.length === expected && ids.every((id): id is string => typeof id === 'string' && id.length > 0)) return ids;
  const said = data as { name?: unknown; message?: unknown } | null;
  const what =
    typeof said?.name === 'string' || typeof said?.message === 'string'
      ? `: ${redactPersonalData(`${String(said?.name ?? 'error')}: ${String(said?.message ?? 'no message')}`)}`
      : '';
  throw new EmailSendError(
    `provider answered 200 without one id per message (${Array.isArray(list) ? `${ids.filter((id) => typeof id === 'string' && id).length} id(s) for ${expected} message(s)` : 'no id list'})${what}; not counted as sent, the next run retries`,
    false,
    200,
  );
}

export function resendEmailPort(options: ResendEmailOptions): EmailPort {
  const resend = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxAttempts = options.maxAttempts ?? 6;
  const remaining = options.remainingMs ?? (() => Infinity);
  let pauseMs = 0;
  // Once the provider was given up on (every retry failed), later sends in this run fail at once: one dead provider costs one action's retries, not every action's.
  let givenUp: string | undefined;
  return {
    async sendBatch(messages: OutgoingEmail[], idempotencyKey: string): Promise<SendResult> {
      if (messages.length === 0) return { ids: [] };
      if (givenUp)
        throw new EmailSendError(
          `not attempted: the provider failed earlier in this run (${givenUp}); the next run retries`,
          false,
          null,
        );
      if (messages.length > BATCH_SIZE)
        throw new Error(`batch of ${messages.length}: the provider takes at most ${BATCH_SIZE}`);
      if (messages.some((m) => m.to.length > MAX_RECIPIENTS_PER_MESSAGE))
        throw new Error(`a message with more than ${MAX_RECIPIENTS_PER_MESSAGE} recipients: the provider rejects it`);
      const payload = messages.map((m) => ({
        from: options.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        ...(options.replyTo ? { replyTo: options.replyTo } : {}),
      }));
      let last = '';
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        if (pauseMs > 0) {
          if (pauseMs >= remaining())
            throw new EmailSendError('run time budget spent while waiting for the rate limit', false, null);
          await sleep(Math.floor(pauseMs));
          pauseMs = 0;
        }
        const budget = remaining();
        if (budget <= 0)
          throw new EmailSendError(`run time budget spent${last ? ` (last error: ${last})` : ''}`, false, null);
        // Timers take whole milliseconds: what is left of the budget is fractional (performance.now()).
        const { data, error, headers } = await resend.batch.send(payload, {
          idempotencyKey: providerKey(idempotencyKey),
          signal: AbortSignal.timeout(Math.max(1, Math.floor(Math.min(options.timeoutMs ?? 30_000, budget)))),
        } as never);
        if (headers?.['ratelimit-remaining'] === '0')
          pauseMs = Math.max(0, Number(headers['ratelimit-reset'] ?? 1)) * 1000;
        if (data) return { ids: acceptedIds(data, messages.length) };
        const status = error?.statusCode ?? null;
        if (status === 409 && error?.name === 'invalid_idempotent_request') return { conflict: 'payload-differs' };
        last = redactPersonalData(`${error?.name ?? 'error'}: ${error?.message ?? 'no message'}`);
        const retryable =
          status === null ||
          status === 429 ||
          status >= 500 ||
          (status === 409 && error?.name === 'concurrent_idempotent_requests');
        if (!retryable) throw new EmailSendError(`provider refused the batch (HTTP ${status}) ${last}`, true, status);
        if (attempt === maxAttempts) break;
        const retryAfter = Number(headers?.['retry-after']);
        pauseMs = Math.max(
          pauseMs,
          status === 429 && Number.isFinite(retryAfter)
            ? retryAfter * 1000
            : Math.min(30_000, 500 * 2 ** (attempt - 1)),
        );
      }
      givenUp = `gave up after ${maxAttempts} attempts: ${last}`;
      throw new EmailSendError(givenUp, false, null);
    },
  };
}
