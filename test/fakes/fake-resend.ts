/**
 * A local Resend API for tests: POST /emails/batch with Bearer auth,
 * idempotency keys (same key + same body → the same ids, nothing delivered
 * twice; same key + other body → 409), strict validation (one bad address
 * fails the whole batch, 422), a token-bucket rate limit answering 429 with
 * retry-after, and scripted faults (500, 429, hang, drop).
 */
import { createServer, type Server } from 'node:http';
import { listenLocal, readBody } from './http.ts';

export type Fault = { status: number; retryAfter?: number } | 'hang' | 'drop';

export interface Delivered {
  to: string[];
  subject: string;
  text: string;
  html: string;
  idempotencyKey: string;
  id: string;
}

export interface FakeResend {
  url: string;
  delivered: Delivered[];
  requests: { idempotencyKey: string | undefined; status: number }[];
  faults: Fault[];
  close(): Promise<void>;
}

export async function startFakeResend(options: { apiKey?: string; ratePerSecond?: number } = {}): Promise<FakeResend> {
  const apiKey = options.apiKey ?? 're_test_key';
  const seen = new Map<string, { body: string; ids: string[] }>();
  const state: FakeResend = { url: '', delivered: [], requests: [], faults: [], close: async () => {} };
  let tokens = options.ratePerSecond ?? Infinity;
  let lastRefill = Date.now();
  let next = 1;
  const sockets = new Set<import('node:net').Socket>();

  const server: Server = createServer(async (req, res) => {
    const body = await readBody(req);
    const key = req.headers['idempotency-key'] as string | undefined;
    const reply = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      state.requests.push({ idempotencyKey: key, status });
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(JSON.stringify(json));
    };
    const fault = state.faults.shift();
    if (fault === 'hang') return; // never answers: the client's timeout must fire
    if (fault === 'drop') return req.socket.destroy();
    if (fault) return reply(fault.status, { statusCode: fault.status, name: fault.status === 429 ? 'rate_limit_exceeded' : 'internal_server_error', message: 'scripted fault' }, fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : {});
    if (req.method !== 'POST' || req.url !== '/emails/batch') return reply(404, { statusCode: 404, name: 'not_found', message: 'not found' });
    if (req.headers.authorization !== `Bearer ${apiKey}`) return reply(401, { statusCode: 401, name: 'validation_error', message: 'API key is invalid' });
    if (options.ratePerSecond !== undefined) {
      const now = Date.now();
      tokens = Math.min(options.ratePerSecond, tokens + ((now - lastRefill) / 1000) * options.ratePerSecond);
      lastRefill = now;
      if (tokens < 1) return reply(429, { statusCode: 429, name: 'rate_limit_exceeded', message: 'Too many requests' }, { 'retry-after': '1', 'ratelimit-limit': String(options.ratePerSecond) });
      tokens -= 1;
    }
    if (key) {
      const previous = seen.get(key);
      if (previous && previous.body !== body) return reply(409, { statusCode: 409, name: 'invalid_idempotent_request', message: 'same key, different payload' });
      if (previous) return reply(200, { data: previous.ids.map((id) => ({ id })) });
    }
    const emails = JSON.parse(body) as { to: string[]; subject: string; text: string; html: string }[];
    if (emails.length > 100) return reply(422, { statusCode: 422, name: 'validation_error', message: 'at most 100 emails' });
    const bad = emails.flatMap((e) => e.to).find((a) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(a));
    if (bad) return reply(422, { statusCode: 422, name: 'validation_error', message: `Invalid \`to\` field: ${bad}` });
    const ids = emails.map(() => `email_${next++}`);
    emails.forEach((e, i) => state.delivered.push({ ...e, idempotencyKey: key ?? '', id: ids[i]! }));
    if (key) seen.set(key, { body, ids });
    reply(200, { data: ids.map((id) => ({ id })) });
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
