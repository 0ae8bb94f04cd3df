/** The Resend adapter against the fake, which follows Resend's documented limits and idempotency semantics. */
import { afterEach, describe, expect, it } from 'vitest';
import { Resend } from 'resend';
import { startFakeResend, type FakeResend } from '../../test/fakes/fake-resend.ts';
import { LIMITS } from '../../test/fakes/resend-model.ts';
import type { OutgoingEmail } from '../core/engine/ports.ts';
import { acceptedIds, EmailSendError, resendEmailPort } from './resend-email.ts';

let fake: FakeResend | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
const noSleep = async () => {};
const port = (over: Parameters<typeof resendEmailPort>[0] extends infer O ? Partial<O> : never = {}) =>
  resendEmailPort({
    apiKey: 're_test_key',
    from: 'status@provider.example',
    baseUrl: fake!.url,
    sleep: noSleep,
    timeoutMs: 2_000,
    ...over,
  });
const mail = (to: string, text = 'body'): OutgoingEmail => ({
  to: [to],
  subject: '【KCPS】お知らせ',
  text,
  html: `<p>${text}</p>`,
});

describe('documented limits, enforced by the fake', () => {
  it('a Japanese body over 64 KB survives intact, and its identical retry after a lost answer returns the same ids (no 409, no second delivery)', async () => {
    fake = await startFakeResend({ ratePerSecond: Infinity });
    const text = 'ブロックストレージの書き込み遅延について調査しています。'.repeat(3_000); // ~ 250 KB of UTF-8, multi-byte characters across chunk borders
    fake.faults.push('accept-then-drop');
    const result = await port().sendBatch([mail('a@x.example', text)], 'k/jp');
    expect(fake.requests.map((r) => r.status)).toEqual([200]); // the dropped one is not answered; the retry is
    expect(fake.requests[0]!.bytes).toBeGreaterThan(64 * 1024);
    expect(fake.delivered).toHaveLength(1);
    expect(fake.delivered[0]!.text).toBe(text);
    expect(result).toEqual({ ids: [fake.delivered[0]!.id] });
  });

  it('same key, different payload: 409 invalid_idempotent_request, reported as a conflict (the first was delivered), nothing sent again', async () => {
    fake = await startFakeResend({ ratePerSecond: Infinity });
    await port().sendBatch([mail('a@x.example', 'v1')], 'k/edit');
    const again = await port().sendBatch([mail('a@x.example', 'v2 (edited)')], 'k/edit');
    expect(again).toEqual({ conflict: 'payload-differs' });
    expect(fake.requests.map((r) => r.status)).toEqual([200, 409]);
    expect(fake.delivered.map((d) => d.text)).toEqual(['v1']);
  });

  it('keys are kept 24 hours: after that the same key sends again', async () => {
    let now = Date.parse('2026-11-20T10:00:00+09:00');
    fake = await startFakeResend({ ratePerSecond: Infinity, clock: () => now });
    await port().sendBatch([mail('a@x.example')], 'k/day');
    now += 23 * 3_600_000;
    await port().sendBatch([mail('a@x.example')], 'k/day');
    expect(fake.delivered).toHaveLength(1);
    now += 3_600_000;
    await port().sendBatch([mail('a@x.example')], 'k/day');
    expect(fake.delivered).toHaveLength(2);
  });

  it('more than 50 recipients in one message, or more than 100 e-mails in a batch: refused by the provider (422) and never sent by the adapter', async () => {
    fake = await startFakeResend({ ratePerSecond: Infinity });
    const sdk = new Resend('re_test_key', { baseUrl: fake.url });
    const to = Array.from({ length: LIMITS.toPerEmail + 1 }, (_, n) => `p${n}@x.example`);
    const wide = await sdk.batch.send([{ from: 'status@provider.example', to, subject: 's', text: 't' }]);
    expect(wide.error).toMatchObject({ statusCode: 422 });
    const many = await sdk.batch.send(
      Array.from({ length: LIMITS.emailsPerBatch + 1 }, (_, n) => ({
        from: 'status@provider.example',
        to: [`p${n}@x.example`],
        subject: 's',
        text: 't',
      })),
    );
    expect(many.error).toMatchObject({ statusCode: 422 });
    expect(fake.delivered).toHaveLength(0);
    const before = fake.requests.length;
    await expect(port().sendBatch([{ ...mail('a@x.example'), to }], 'k/wide')).rejects.toThrow(
      /more than 50 recipients/,
    );
    await expect(
      port().sendBatch(
        Array.from({ length: 101 }, (_, n) => mail(`p${n}@x.example`)),
        'k/many',
      ),
    ).rejects.toThrow(/at most 100/);
    expect(fake.requests.length).toBe(before);
  });

  it('an idempotency key longer than the documented 256 characters is shortened the same way every time: the retry is still deduplicated', async () => {
    fake = await startFakeResend({ ratePerSecond: Infinity });
    const long = `2026-11-20-${'very-long-slug-'.repeat(20)}x/customer-email/0/batch-0123456789ab`;
    expect(long.length).toBeGreaterThan(256);
    const first = await port().sendBatch([mail('a@x.example')], long);
    const again = await port().sendBatch([mail('a@x.example')], long);
    expect(again).toEqual(first);
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200]);
    expect(fake.requests.every((r) => r.idempotencyKey!.length <= 256)).toBe(true);
    expect(fake.delivered).toHaveLength(1);
  });

  it('a body that is not UTF-8 is refused (400)', async () => {
    fake = await startFakeResend({ ratePerSecond: Infinity });
    const r = await fetch(`${fake.url}/emails/batch`, {
      method: 'POST',
      headers: { authorization: 'Bearer re_test_key', 'content-type': 'application/json' },
      body: Buffer.from([0x5b, 0xff, 0xfe, 0x5d]),
    });
    expect(r.status).toBe(400);
  });
});

describe('rate limit: 2 requests per second by default', () => {
  it('the fake answers the third immediate request with 429, retry-after and ratelimit headers', async () => {
    fake = await startFakeResend();
    const call = () =>
      fetch(`${fake!.url}/emails/batch`, {
        method: 'POST',
        headers: { authorization: 'Bearer re_test_key', 'content-type': 'application/json' },
        body: JSON.stringify([{ from: 'status@provider.example', to: ['a@x.example'], subject: 's', text: 't' }]),
      });
    const answers = [await call(), await call(), await call()];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(answers[1]!.headers.get('ratelimit-remaining')).toBe('0');
    expect(answers[2]!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(answers[2]!.headers.get('ratelimit-limit')).toBe('2');
  });

  it('the adapter paces itself on ratelimit-remaining: five batches, all accepted, none answered 429', async () => {
    fake = await startFakeResend();
    const p = resendEmailPort({ apiKey: 're_test_key', from: 'status@provider.example', baseUrl: fake.url });
    for (let n = 0; n < 5; n++) await p.sendBatch([mail(`p${n}@x.example`)], `k/pace/${n}`);
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  });
});

describe('a dead provider', () => {
  it('costs one action its retries; later sends in the run fail at once without a request', async () => {
    fake = await startFakeResend({ ratePerSecond: Infinity });
    fake.faults.push(...Array(6).fill({ status: 503 }));
    const p = port({ maxAttempts: 6 });
    await expect(p.sendBatch([mail('a@x.example')], 'k/1')).rejects.toThrow(/gave up after 6 attempts/);
    const requests = fake.requests.length;
    await expect(p.sendBatch([mail('b@x.example')], 'k/2')).rejects.toThrow(
      /not attempted: the provider failed earlier in this run/,
    );
    expect(fake.requests.length).toBe(requests);
  });
});

describe('the run time budget', () => {
  it('a hanging provider costs at most what is left of the budget, not retries of 30 s each', async () => {
    fake = await startFakeResend({ ratePerSecond: Infinity });
    fake.faults.push('hang', 'hang', 'hang', 'hang', 'hang', 'hang');
    let left = 300;
    const started = Date.now();
    const p = port({ timeoutMs: 30_000, remainingMs: () => left - (Date.now() - started) });
    await expect(p.sendBatch([mail('a@x.example')], 'k/hang')).rejects.toThrow(/run time budget spent/);
    left = 0;
    await expect(p.sendBatch([mail('a@x.example')], 'k/hang2')).rejects.toThrow(/run time budget spent/);
  });
});

describe('a 200 is only a delivery with one id per message', () => {
  it.each([
    ['an empty list', { data: [] }, /0 id\(s\) for 2 message\(s\)/],
    ['a short list', { data: [{ id: 'a' }] }, /1 id\(s\) for 2 message\(s\)/],
    ['an empty id', { data: [{ id: 'a' }, { id: '' }] }, /1 id\(s\) for 2 message\(s\)/],
    [
      'an error object, echoing an address',
      { statusCode: 422, name: 'validation_error', message: 'bad x@y.example' },
      /no id list\): validation_error: bad \[address removed\]/,
    ],
    [
      'an error object, echoing an address as an IME types it',
      { statusCode: 422, name: 'validation_error', message: 'bad ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ, also x.y+z@例え.jp' },
      /no id list\): validation_error: bad \[address removed\], also \[address removed\];/,
    ],
    ['null', null, /no id list/],
  ])('%s is a failure for people, never a TypeError', (_what, body, message) => {
    const attempt = () => acceptedIds(body, 2);
    expect(attempt).toThrow(EmailSendError);
    expect(attempt).toThrow(message);
    expect(attempt).not.toThrow(/Cannot read/);
  });
  it('one id per message is accepted, in order', () => {
    expect(acceptedIds({ data: [{ id: 'a' }, { id: 'b' }] }, 2)).toEqual(['a', 'b']);
  });
});
