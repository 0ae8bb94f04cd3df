/**
 * The smallest honest bridge from Alertmanager (or Grafana) to GitHub:
 * neither can post GitHub's repository_dispatch body by itself, so this
 * receiver, run beside them, accepts their webhook and forwards it as
 * {event_type: "alert", client_payload: {alert}}. It authenticates the
 * sender with a shared secret (Authorization: Bearer, compared in constant
 * time), caps the body, validates the payload with the same schema the
 * workflow uses (a bad payload is refused here, where the sender's log shows
 * it), and holds no state: retries are safe because the intake run finds
 * existing drafts by fingerprint.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { MAX_ALERT_PAYLOAD_BYTES, parseAlertPayload } from '../core/intake/alert-payload.ts';

export interface ReceiverOptions {
  /** The shared secret; Alertmanager sends it with http_config.authorization (type Bearer). */
  secret: string;
  /** Sends the validated payload on; rejects when GitHub refuses (with `status` when GitHub answered), and stops when `signal` aborts. */
  forward: (alert: unknown, signal: AbortSignal) => Promise<void>;
  maxBytes?: number;
  /** How long GitHub may take; then the sender gets a 504 and retries. */
  forwardTimeoutMs?: number;
  log?: (line: string) => void;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Constant-time: both sides hashed to equal length first, so neither length nor prefix leaks. */
export function bearerMatches(header: string | undefined, secret: string): boolean {
  // The scheme is case-insensitive (RFC 9110, section 11.1); the token is not.
  const m = /^Bearer ([^\s]+)$/i.exec(header ?? '');
  return timingSafeEqual(digest(m ? m[1]! : ''), digest(secret)) && m !== null;
}

export function createAlertReceiver(options: ReceiverOptions): Server {
  if (options.secret.length < 16) throw new Error('the receiver secret must be at least 16 characters');
  const max = options.maxBytes ?? MAX_ALERT_PAYLOAD_BYTES;
  const log = options.log ?? (() => {});
  const timeoutMs = options.forwardTimeoutMs ?? 10_000;
  return createServer((req, res) => {
    void handle(req, res).catch((err) => {
      const status = (err as { status?: number }).status;
      log(`forward failed: ${status ?? ''} ${(err as Error).message}`.replace(/  +/g, ' '));
      if (res.headersSent) return;
      // 422: GitHub will never take this payload (e.g. too many top-level properties); a retry cannot help, so
      // the sender is told 400 and stops. Anything else (5xx, rate limit, network) may pass: 502/504, retried.
      if (status === 422)
        send(res, 400, 'GitHub refused this payload as invalid (422); it will not be accepted on retry');
      else if ((err as Error).name === 'TimeoutError' || (err as Error).name === 'AbortError')
        send(res, 504, `GitHub did not answer within ${timeoutMs} ms; the sender will retry`);
      else send(res, 502, 'forwarding to GitHub failed; the sender will retry');
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/healthz') return send(res, 200, 'ok');
    if (path !== '/alert') return send(res, 404, 'not found; post alerts to /alert');
    if (req.method !== 'POST') return send(res, 405, 'use POST', { Allow: 'POST' });
    if (!bearerMatches(req.headers.authorization, options.secret)) {
      log(`refused: bad or missing bearer token from ${req.socket.remoteAddress}`);
      req.resume();
      return send(res, 401, 'unauthorized', { 'WWW-Authenticate': 'Bearer' });
    }
    const declared = Number(req.headers['content-length'] ?? NaN);
    // Too big (declared, or counted while a chunked body streams in): answer at once and close the connection
    // instead of draining what may be an endless body.
    if (declared > max) return refuseTooLarge(req, res, max);
    const body = await readCapped(req, max);
    if (body === undefined) return refuseTooLarge(req, res, max);
    const parsed = parseAlertPayload(body);
    if (!parsed.ok) {
      log(`refused: ${parsed.problem}`);
      return send(res, 400, parsed.problem);
    }
    await options.forward(JSON.parse(body.toString('utf8')), AbortSignal.timeout(timeoutMs));
    log(
      `forwarded ${parsed.alerts.length} ${parsed.source} alert(s): ${parsed.alerts.map((a) => `${a.fingerprint} ${a.status}`).join(', ')}`,
    );
    send(res, 202, 'accepted');
  }
}

/** The body, or undefined as soon as it passes the cap; nothing more is read then. */
function readCapped(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= max) return void chunks.push(c);
      req.off('data', onData);
      req.pause();
      resolve(undefined);
    };
    req.on('data', onData);
    req.on('end', () => {
      if (size <= max) resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

function refuseTooLarge(req: IncomingMessage, res: ServerResponse, max: number): void {
  res.on('finish', () => req.socket.destroy());
  send(res, 413, `payload larger than ${max} bytes`, { Connection: 'close' });
}

function send(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end(`${text}\n`);
}
