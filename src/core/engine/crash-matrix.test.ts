/**
 * The crash/edit matrix: a 1,000-customer notice is killed at every step
 * (before every ledger write and every provider call, and right after the
 * provider accepted a batch whose answer is then lost; 32 distinct states),
 * then rerun 45 minutes later, with and without an edit in between. Whatever
 * happened, every affected contact ends up with the notice exactly once, the
 * remaining batches always go out, and the notice is recorded complete.
 */
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { catalog, makeIncident } from '../../../test/builders.ts';
import { memoryEmailPort } from '../../../test/fakes/memory-email.ts';
import type { Incident } from '../incident/schema.ts';
import type { Directory } from './directory.ts';
import { renderCustomerEmail } from './email.ts';
import { executePlan } from './execute.ts';
import { ledgerOf, type LedgerEntry } from '../ledger/ledger.ts';
import { keys, planActions } from './plan.ts';
import type { EmailPort, IssuePort, LedgerPort } from './ports.ts';

const sha256 = (t: string) => createHash('sha256').update(t).digest('hex');
const mac = (t: string) => createHmac('sha256', 'test-ledger-key-0123456789abcdef0123').update(t).digest('hex');
const T0 = Date.parse('2026-11-20T10:20:00+09:00');
const RERUN = T0 + 45 * 60_000;
const N = 1_000;
const customers = Array.from({ length: N }, (_, n) => `cust-${String(n).padStart(4, '0')}`);
const first = makeIncident({
  scope: 'customer',
  customers,
  postmortem: undefined,
  prevention: undefined,
  recovered_at: undefined,
});
const incident: Incident = { ...first, updates: [first.updates[0]!] };
const directory: Directory = {
  customers: Object.fromEntries(customers.map((c) => [c, { contacts: [`ops@${c}.example`] }])),
  staff: { 't-sato': 'm@x.example', 'k-tanaka': 'r@x.example' },
};
const issues: IssuePort = {
  ensureTrackingIssue: async () => ({ number: 1, url: 'u' }),
  comment: async () => ({ url: 'u' }),
  closeIssue: async () => {},
  addLabel: async () => {},
  upsertDashboard: async () => ({ number: 2, url: 'u' }),
  readDashboard: async () => undefined,
};

class Crash extends Error {}

/**
 * Ports that die at kill point `killAt`: before each ledger write and each
 * provider call (so "after the provider accepted, before the acceptance was
 * written" is the point before that write). After death every call throws.
 */
function mortal(email: EmailPort, entries: LedgerEntry[], killAt: number) {
  let point = 0;
  let dead = false;
  const step = () => {
    if (dead || point++ === killAt) {
      dead = true;
      throw new Crash('killed');
    }
  };
  const store: LedgerPort = {
    append: async (e) => {
      step();
      entries.push(e);
    },
  };
  const port: EmailPort = {
    sendBatch: async (m, k) => {
      step();
      return email.sendBatch(m, k);
    },
  };
  return { store, port, points: () => point };
}

async function run(
  inc: Incident,
  dir: Directory,
  entries: LedgerEntry[],
  email: EmailPort,
  store: LedgerPort,
  now: number,
) {
  const plan = planActions([inc], catalog, ledgerOf(entries), now).filter((a) => a.kind === 'customer-email');
  return executePlan(plan, {
    incidents: new Map([[inc.id, inc]]),
    catalog,
    directory: dir,
    ledger: ledgerOf([...entries]),
    email,
    issues,
    store,
    clock: () => now,
    hash: sha256,
    recipientMac: mac,
  });
}

type Edit = { name: string; incident: Incident; directory: Directory; contacts: () => string[] };
const contactsOf = (inc: Incident, dir: Directory) =>
  (inc.customers ?? []).flatMap((c) => dir.customers[c]?.contacts ?? []);
const edits: Edit[] = (() => {
  const messageEdited: Incident = {
    ...incident,
    updates: [
      {
        ...incident.updates[0]!,
        message: { ja: '訂正: 書き込み遅延を調査しています。', en: 'Correction: we are investigating write latency.' },
      },
    ],
  };
  const updated: Incident = {
    ...incident,
    updates: [
      ...incident.updates,
      {
        at: '2026-11-20T10:50:00+09:00',
        status: 'identified',
        message: { ja: '原因を特定しました。', en: 'We identified the cause.' },
      },
    ],
  };
  const dir: Directory = {
    customers: {
      ...directory.customers,
      'cust-0003': { contacts: ['new-ops@cust-0003.example'] },
      'cust-0004': { contacts: ['ops@cust-0004.example', 'cto@cust-0004.example'] },
      'cust-1000': { contacts: ['ops@cust-1000.example'] },
    },
    staff: directory.staff,
  };
  const grown: Incident = { ...incident, customers: [...customers, 'cust-1000'] };
  return [
    { name: 'no edit', incident, directory, contacts: () => contactsOf(incident, directory) },
    {
      name: 'the message edited',
      incident: messageEdited,
      directory,
      contacts: () => contactsOf(messageEdited, directory),
    },
    { name: 'a new update posted', incident: updated, directory, contacts: () => contactsOf(updated, directory) },
    {
      name: 'the directory and the customer list edited',
      incident: grown,
      directory: dir,
      contacts: () => contactsOf(grown, dir),
    },
  ];
})();

describe('crash at every step of a 1,000-customer send, then a rerun', () => {
  // How many kill points one clean run has.
  const clean = async () => {
    const h = mortal(
      memoryEmailPort(() => T0),
      [],
      Infinity,
    );
    await run(incident, directory, [], h.port, h.store, T0);
    return h.points();
  };

  it.each(edits)(
    'with $name before the rerun: every contact has the notice exactly once, and the notice completes',
    async (edit) => {
      const points = await clean();
      expect(points).toBe(3 * (N / 100) + 1); // intent + send + acceptance per batch, then the completion entry
      const kinds = (inc: Incident) => {
        // Every message the provider may carry, by its text: which update and which event.
        const map = new Map<string, string>();
        for (const inc2 of [incident, inc])
          for (let i = 0; i < inc2.updates.length; i++)
            for (const event of ['initial', 'update', 'resolution'] as const) {
              const m = renderCustomerEmail(
                inc2,
                {
                  kind: 'customer-email',
                  key: '',
                  incident: inc2.id,
                  at: '',
                  reason: '',
                  event,
                  updateIndex: i,
                  customers: [],
                },
                catalog,
              );
              map.set(`${m.subject}\n${m.text}`, `${i}:${event}`);
            }
        return map;
      };
      const labels = kinds(edit.incident);
      let conflicts = 0;
      // killAt === points: the run finished, and the edit comes after a complete notice.
      for (let killAt = 0; killAt <= points; killAt++) {
        const entries: LedgerEntry[] = [];
        const provider = memoryEmailPort(() => T0);
        const h = mortal(provider, entries, killAt);
        await run(incident, directory, entries, h.port, h.store, T0);
        const completedBeforeEdit = entries.some((e) => e.key === keys.customerEmail(incident.id, 0));
        const original = new Set(contactsOf(incident, directory));
        // The rerun sees the same provider (keys live 24 h) and what the ledger kept; two more runs at most.
        const clock = { now: RERUN };
        const later = memoryEmailPort(() => clock.now);
        Object.assign(later, {
          sendBatch: (m: Parameters<EmailPort['sendBatch']>[0], k: string) => provider.sendBatch(m, k),
        });
        for (
          let r = 0;
          r < 3 &&
          planActions([edit.incident], catalog, ledgerOf(entries), RERUN).some((a) => a.kind === 'customer-email');
          r++
        )
          await run(
            edit.incident,
            edit.directory,
            entries,
            later,
            { append: async (e) => void entries.push(e) },
            RERUN,
          );

        const byAddress = new Map<string, string[]>();
        for (const d of provider.model.delivered)
          byAddress.set(d.to[0]!, [
            ...(byAddress.get(d.to[0]!) ?? []),
            labels.get(`${d.subject}\n${d.text}`) ?? 'unknown',
          ]);
        const latest = edit.incident.updates.length - 1;
        // Checked per address, reported together (one assertion per kill point keeps 32 × 1,000 checks fast).
        const wrong: string[] = [];
        for (const address of edit.contacts()) {
          const got = byAddress.get(address) ?? [];
          const problem = (what: string) => wrong.push(`${address} got [${got.join(', ')}]: ${what}`);
          // A contact added to a customer who already had the complete notice gets the next notice, not this one (a customer added to the incident gets it).
          if (
            completedBeforeEdit &&
            latest === 0 &&
            !original.has(address) &&
            incident.customers!.some((c) => address.endsWith(`@${c}.example`))
          ) {
            if (got.length) problem('expected nothing');
            continue;
          }
          if (got.filter((l) => l.startsWith(`${latest}:`)).length !== 1)
            problem(`expected update ${latest + 1} exactly once`);
          if (got.filter((l) => l.endsWith(':initial')).length > 1) problem('a first notice twice');
          if (
            latest > 0 &&
            got.join() !== (got.length === 2 ? ['0:initial', `${latest}:update`] : [`${latest}:initial`]).join()
          )
            problem('expected a first notice then an update, or one first notice');
        }
        // Nobody received the same notice twice, nobody more than two messages (a replaced address may have had it before the edit).
        for (const [address, got] of byAddress)
          if (new Set(got).size !== got.length || got.length > 2 || got.includes('unknown'))
            wrong.push(`${address} got [${got.join(', ')}]`);
        expect(wrong, `kill point ${killAt}`).toEqual([]);
        const notice = keys.customerEmail(edit.incident.id, latest);
        const added = edit.incident.customers!.length - incident.customers!.length;
        if (completedBeforeEdit && latest === 0) {
          // Complete before the edit: the customers added since get it in a notice of their own.
          expect(entries.find((e) => e.key === notice)).toMatchObject({ detail: { recipients: N, accepted: N } });
          if (added)
            expect(
              entries.find((e) => e.key === `${notice}/added-1`),
              `kill point ${killAt}`,
            ).toMatchObject({ detail: { recipients: added, accepted: added } });
        } else
          expect(
            entries.find((e) => e.key === notice),
            `kill point ${killAt}`,
          ).toMatchObject({
            detail: { recipients: edit.incident.customers!.length, accepted: edit.incident.customers!.length },
          });
        expect(
          planActions([edit.incident], catalog, ledgerOf(entries), RERUN).filter((a) => a.kind === 'customer-email'),
        ).toEqual([]);
        expect(JSON.stringify(entries)).not.toMatch(/@/);
        conflicts += provider.requests.filter((r) => r.status === 409).length;
      }
      // Not vacuous: an edit after "accepted but not recorded" really met the provider's 409, and without an edit it never did.
      if (edit.name === 'no edit') expect(conflicts).toBe(0);
      else if (edit.name !== 'the directory and the customer list edited') expect(conflicts).toBeGreaterThan(0);
    },
    120_000,
  );

  it('the runner vanished with its ledger file at any step, nothing edited: the rerun recomputes the same keys and the provider sends nobody anything twice', async () => {
    const points = await clean();
    for (let killAt = 0; killAt <= points; killAt++) {
      const provider = memoryEmailPort(() => T0);
      const h = mortal(provider, [], killAt);
      await run(incident, directory, [], h.port, h.store, T0);
      const entries: LedgerEntry[] = []; // lost
      await run(incident, directory, entries, provider, { append: async (e) => void entries.push(e) }, RERUN);
      const to = provider.model.delivered.map((d) => d.to[0]!);
      expect(to.length, `kill point ${killAt}`).toBe(N);
      expect(new Set(to).size, `kill point ${killAt}`).toBe(N);
      expect(entries.find((e) => e.key === keys.customerEmail(incident.id, 0))).toMatchObject({
        detail: { recipients: N, accepted: N },
      });
    }
  }, 120_000);
});
