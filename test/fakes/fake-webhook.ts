/**
 * Local webhook receivers. Their answers follow the providers' documentation:
 * a Slack incoming webhook answers 200 with the text body "ok" (errors: 400
 * invalid_payload, 404 no_service, 410 channel_is_archived, 429 with
 * Retry-After); a Teams Workflows webhook answers 202 Accepted; a customer's
 * own receiver answers 2xx. `mode` makes one fail (500) or hang until
 * released, to test isolation.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import { listenLocal, readBody } from './http.ts';

export interface ReceivedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  /** The order in which the request arrived across every fake of a test. */
  seq: number;
}

export type FakeFlavour = 'statuspage' | 'slack' | 'teams';
export type FakeMode = 'ok' | 'fail' | 'hold' | 'gone';

export interface FakeWebhook {
  url: string;
  received: ReceivedRequest[];
  mode: FakeMode;
  /** Requests waiting for an answer in "hold" mode. */
  held: () => number;
  /** Answers every held request with 500 and stops holding. */
  release: () => void;
  close: () => Promise<void>;
}

let seq = 0;

export async function startFakeWebhook(flavour: FakeFlavour, mode: FakeMode = 'ok'): Promise<FakeWebhook> {
  const held: ServerResponse[] = [];
  const fake: FakeWebhook = {
    url: '',
    received: [],
    mode,
    held: () => held.length,
    release: () => {
      fake.mode = 'fail';
      for (const res of held.splice(0)) res.writeHead(500).end('released');
    },
    close: async () => {
      fake.release();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const server = createServer(async (req, res) => {
    const body = await readBody(req);
    if (req.method !== 'POST' || !String(req.headers['content-type']).startsWith('application/json'))
      return void res.writeHead(400).end('invalid_payload');
    try {
      JSON.parse(body);
    } catch {
      return void res.writeHead(400).end('invalid_payload');
    }
    fake.received.push({ headers: req.headers, body, seq: seq++ });
    if (fake.mode === 'hold') return void held.push(res);
    if (fake.mode === 'fail') return void res.writeHead(500).end('internal error');
    if (fake.mode === 'gone')
      return void res.writeHead(410, { 'content-type': 'text/plain' }).end('channel_is_archived');
    if (flavour === 'slack') return void res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    if (flavour === 'teams') return void res.writeHead(202).end();
    res.writeHead(204).end();
  });
  fake.url = await listenLocal(server);
  return fake;
}
