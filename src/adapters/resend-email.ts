/**
 * The e-mail port on the Resend SDK. One call sends one batch (≤ 100
 * messages) with an idempotency key, so a retry after a lost response can
 * never deliver twice (Resend keeps keys 24 h; the ledger covers the rest).
 * 429 waits for retry-after; 5xx, timeouts and network errors back off and
 * retry; anything else is permanent (bad key, invalid request). Provider
 * messages are redacted: they can echo addresses.
 */
import { Resend } from 'resend';
import type { EmailPort, OutgoingEmail } from '../core/engine/ports.ts';

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

export const MAX_BATCH = 100;
const ADDRESS = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*/g;

export function redact(text: string): string {
  return text.replace(ADDRESS, '<address>');
}

export function resendEmailPort(options: ResendEmailOptions): EmailPort {
  const resend = new Resend(options.apiKey, options.baseUrl ? { baseUrl: options.baseUrl } : undefined);
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const maxAttempts = options.maxAttempts ?? 6;
  return {
    async sendBatch(messages: OutgoingEmail[], idempotencyKey: string): Promise<string[]> {
      if (messages.length === 0) return [];
      if (messages.length > MAX_BATCH) throw new Error(`batch of ${messages.length}: the provider takes at most ${MAX_BATCH}`);
      const payload = messages.map((m) => ({ from: options.from, to: m.to, subject: m.subject, text: m.text, html: m.html, ...(options.replyTo ? { replyTo: options.replyTo } : {}) }));
      let last = '';
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        const { data, error, headers } = await resend.batch.send(payload, { idempotencyKey, signal: AbortSignal.timeout(options.timeoutMs ?? 30_000) } as never);
        if (data) return data.data.map((d) => d.id);
        const status = error?.statusCode ?? null;
        last = redact(`${error?.name ?? 'error'}: ${error?.message ?? 'no message'}`);
        const retryable = status === null || status === 429 || status >= 500 || (status === 409 && error?.name === 'concurrent_idempotent_requests');
        if (!retryable) throw new EmailSendError(`provider refused the batch (HTTP ${status}) ${last}`, true, status);
        if (attempt === maxAttempts) break;
        const retryAfter = Number(headers?.['retry-after']);
        await sleep(status === 429 && Number.isFinite(retryAfter) ? retryAfter * 1000 : Math.min(30_000, 500 * 2 ** (attempt - 1)));
      }
      throw new EmailSendError(`gave up after ${maxAttempts} attempts: ${last}`, false, null);
    },
  };
}
