/**
 * The webhook port over fetch. Statuspage-shaped requests are signed:
 * `X-Status-Timestamp` (Unix seconds) and `X-Status-Signature: v1=<hex>`,
 * the HMAC-SHA256 of "<timestamp>.<body>" under the endpoint's secret, so a
 * receiver can check origin and reject replays older than a few minutes;
 * `X-Status-Event-Id` names the event for de-duplication (a retry, or the
 * next run after a lost response, sends the same id). Slack and Teams
 * incoming webhooks authenticate by their URL; they get the event id too.
 *
 * Each attempt has a timeout; network errors, timeouts, 429 (after
 * Retry-After, capped) and 5xx are retried; other statuses are permanent
 * (Slack answers 400 invalid_payload, 403, 404 no_service, 410
 * channel_is_archived). Error messages never contain the URL: for chat
 * endpoints it is the credential.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookEndpoint } from '../core/engine/directory.ts';
import type { WebhookMessage, WebhookPort } from '../core/engine/webhooks.ts';

export interface WebhookPortOptions {
  timeoutMs?: number;
  maxAttempts?: number;
  /** Injected so tests do not wait. */
  sleep?: (ms: number) => Promise<void>;
  /** Unix seconds for the signature; injected in tests. */
  clock?: () => number;
}

export const SIGNATURE_HEADER = 'x-status-signature';
export const TIMESTAMP_HEADER = 'x-status-timestamp';
export const EVENT_HEADER = 'x-status-event-id';

export function sign(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time, and refuse old timestamps. */
export function verifySignature(
  secret: string,
  timestamp: string,
  body: string,
  header: string,
  nowSeconds: number,
  toleranceSeconds = 300,
): boolean {
  if (!/^\d+$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const want = Buffer.from(sign(secret, timestamp, body));
  const got = Buffer.from(header);
  return want.length === got.length && timingSafeEqual(want, got);
}

export function webhookPort(options: WebhookPortOptions = {}): WebhookPort {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const clock = options.clock ?? (() => Math.floor(Date.now() / 1000));
  const maxAttempts = options.maxAttempts ?? 3;
  return {
    async deliver(endpoint: WebhookEndpoint, message: WebhookMessage) {
      let last = '';
      for (let attempt = 1; attempt <= maxAttempts; attempt++) {
        const timestamp = String(clock());
        const headers: Record<string, string> = {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'status-portal-webhooks',
          [EVENT_HEADER]: message.eventId,
          [TIMESTAMP_HEADER]: timestamp,
        };
        if (endpoint.secret) headers[SIGNATURE_HEADER] = sign(endpoint.secret, timestamp, message.body);
        let status: number | undefined;
        let retryAfter = NaN;
        try {
          const res = await fetch(endpoint.url, {
            method: 'POST',
            headers,
            body: message.body,
            signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
            redirect: 'error',
          });
          status = res.status;
          retryAfter = Number(res.headers.get('retry-after'));
          const text = (await res.text()).slice(0, 200).replace(/\s+/g, ' ');
          if (res.ok) return { status, attempts: attempt };
          last = `HTTP ${status}${text ? ` ${text}` : ''}`;
          if (status !== 429 && status < 500) throw new PermanentWebhookError(`endpoint refused the request (${last})`);
        } catch (err) {
          if (err instanceof PermanentWebhookError) throw err;
          if (status === undefined)
            last =
              (err as Error).name === 'TimeoutError'
                ? `no answer within ${options.timeoutMs ?? 10_000} ms`
                : `network error (${(err as { cause?: { code?: string } }).cause?.code ?? (err as Error).name})`;
        }
        if (attempt < maxAttempts)
          await sleep(
            Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 60) * 1000 : 500 * 2 ** (attempt - 1),
          );
      }
      throw new Error(`not delivered after ${maxAttempts} attempt(s): ${last}`);
    },
  };
}

class PermanentWebhookError extends Error {}
