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
  /** Sends the validated payload on; rejects when GitHub refuses. */
  forward: (alert: unknown) => Promise<void>;
  maxBytes?: number;
  log?: (line: string) => void;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Constant-time: both sides hashed to equal length first, so neither length nor prefix leaks. */
export function bearerMatches(header: string | undefined, secret: string): boolean {
  const m = /^Bearer ([^\s]+)$/.exec(header ?? '');
  return timingSafeEqual(digest(m ? m[1]! : ''), digest(secret)) && m !== null;
}

export function createAlertReceiver(options: ReceiverOptions): Server {
  if (options.secret.length < 16) throw new Error('the receiver secret must be at least 16 characters');
  const max = options.maxBytes ?? MAX_ALERT_PAYLOAD_BYTES;
  const log = options.log ?? (() => {});
  return createServer((req, res) => {
    void handle(req, res).catch((err) => {
      log(`forward failed: ${(err as Error).message}`);
      if (!res.headersSent) send(res, 502, 'forwarding to GitHub failed; the sender will retry');
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
    if (declared > max) {
      req.resume();
      return send(res, 413, `payload larger than ${max} bytes`, { Connection: 'close' });
    }
    const body = await readCapped(req, max);
    if (body === undefined) return send(res, 413, `payload larger than ${max} bytes`, { Connection: 'close' });
    const parsed = parseAlertPayload(body);
    if (!parsed.ok) {
      log(`refused: ${parsed.problem}`);
      return send(res, 400, parsed.problem);
    }
    await options.forward(JSON.parse(body.toString('utf8')));
    log(`forwarded ${parsed.alerts.length} ${parsed.source} alert(s): ${parsed.alerts.map((a) => `${a.fingerprint} ${a.status}`).join(', ')}`);
    send(res, 202, 'accepted');
  }
}

/** The body, or undefined once it passes the cap (the rest is drained, not stored). */
function readCapped(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers }).end(`${text}\n`);
}
