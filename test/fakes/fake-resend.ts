/**
 * A local Resend API for tests: POST /emails/batch with Bearer auth, the
 * documented limits and idempotency semantics (resend-model.ts), the default
 * rate limit of 2 requests per second answered with 429, `retry-after` and the
 * `ratelimit-*` headers (Resend changelog "API Rate Limit"), bodies decoded as
 * UTF-8 over the whole body, and scripted faults (status, hang, drop, or
 * accept-then-drop: the provider accepted but the answer never arrived).
 */
import { createServer, type Server } from 'node:http';
import { BodyNotUtf8, listenLocal, readBody } from './http.ts';
import { createResendModel, LIMITS, type Delivered } from './resend-model.ts';

export type { Delivered } from './resend-model.ts';
export type Fault = { status: number; retryAfter?: number } | 'hang' | 'drop' | 'accept-then-drop';

export interface FakeResend {
  url: string;
  delivered: Delivered[];
  requests: { idempotencyKey: string | undefined; status: number; bytes: number }[];
  faults: Fault[];
  close(): Promise<void>;
}

export interface FakeResendOptions {
  apiKey?: string;
  /** Requests per second; the documented default is 2. Tests about something else may pass Infinity and say why. */
  ratePerSecond?: number;
  /** For the 24-hour idempotency window. */
  clock?: () => number;
}

export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  const apiKey = options.apiKey ?? 're_test_key';
  const rate = options.ratePerSecond ?? LIMITS.requestsPerSecond;
  const model = createResendModel(options.clock);
  const state: FakeResend = { url: '', delivered: model.delivered, requests: [], faults: [], close: async () => {} };
  let tokens = rate;
  let lastRefill = Date.now();
  const sockets = new Set<import('node:net').Socket>();

  const server: Server = createServer(async (req, res) => {
    const key = req.headers['idempotency-key'] as string | undefined;
    let bytes = 0;
    req.on('data', (c: Buffer) => (bytes += c.length));
    const reply = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      state.requests.push({ idempotencyKey: key, status, bytes });
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(json));
    };
    let body: string;
    try {
      body = await readBody(req);
    } catch (err) {
      if (err instanceof BodyNotUtf8)
        return reply(400, { statusCode: 400, name: 'validation_error', message: err.message });
      throw err;
    }
    const fault = state.faults.shift();
    if (fault === 'hang') return; // never answers: the client's timeout must fire
    if (fault === 'drop') return req.socket.destroy();
    if (fault && fault !== 'accept-then-drop')
      return reply(
        fault.status,
        {
          statusCode: fault.status,
          name: fault.status === 429 ? 'rate_limit_exceeded' : 'internal_server_error',
          message: 'scripted fault',
        },
        fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {},
      );
    if (req.method !== 'POST' || req.url !== '/emails/batch')
      return reply(404, { statusCode: 404, name: 'not_found', message: 'not found' });
    if (req.headers.authorization !== `Bearer ${apiKey}`)
      return reply(401, { statusCode: 401, name: 'validation_error', message: 'API key is invalid' });
    const limitHeaders: Record<string, string> = {};
    if (Number.isFinite(rate)) {
      const now = Date.now();
      tokens = Math.min(rate, tokens + ((now - lastRefill) / 1000) * rate);
      lastRefill = now;
      const reset = String(Math.max(1, Math.ceil((1 - tokens) / rate)));
      if (tokens < 1)
        return reply(
          429,
          {
            statusCode: 429,
            name: 'rate_limit_exceeded',
            message: 'Too many requests. You can only make 2 requests per second.',
          },
          {
            'retry-after': reset,
            'ratelimit-limit': String(rate),
            'ratelimit-remaining': '0',
            'ratelimit-reset': reset,
          },
        );
      tokens -= 1;
      Object.assign(limitHeaders, {
        'ratelimit-limit': String(rate),
        'ratelimit-remaining': String(Math.floor(tokens)),
        'ratelimit-reset': '1',
      });
    }
    const answer = model.batch(body, key);
    if (fault === 'accept-then-drop') return req.socket.destroy();
    reply(answer.status, answer.json, limitHeaders);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  state.url = await listenLocal(server);
  state.close = () =>
    new Promise((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    });
  return state;
}
