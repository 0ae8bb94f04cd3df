import { describe, expect, it } from 'vitest';
import { catalog, makeIncident } from '../../../test/builders.ts';
import { renderCustomerEmail } from './email.ts';

const incident = makeIncident({
  id: '2026-11-20-kcps-instance-stop',
  scope: 'customer',
  customers: ['cust-4f2a91', 'cust-9b7c03'],
  components: [{ id: 'virtual-servers', status: 'major_outage' }],
  customer_actions: { ja: 'ゲスト OS 内のアプリケーションをご確認ください。', en: 'Check the applications inside your guest OS.' },
  postmortem: undefined,
  prevention: undefined,
});
const action = (event: 'initial' | 'resolution', updateIndex: number) => ({
  kind: 'customer-email' as const, key: `k/${updateIndex}`, incident: incident.id, at: incident.updates[updateIndex]!.at, reason: 'test', event, updateIndex, customers: incident.customers!,
});

describe('customer e-mail (golden)', () => {
  it('initial notice: text and HTML, both languages', async () => {
    const email = renderCustomerEmail(incident, action('initial', 0), catalog);
    expect(email.subject).toBe('【KCPS クラウドプラットフォーム】障害発生のお知らせ（調査中）/ [KCPS Cloud Platform] Incident notice (Investigating): Write latency on block storage in the East Japan region');
    await expect(email.text).toMatchFileSnapshot('./__golden__/email-initial.txt');
    await expect(email.html).toMatchFileSnapshot('./__golden__/email-initial.html');
  });

  it('resolution notice carries what the customer must do and their side of shared responsibility', async () => {
    const email = renderCustomerEmail(incident, action('resolution', 3), catalog);
    expect(email.text).toContain('■ お客さまにお願いしたいこと');
    expect(email.text).toContain('Check the applications inside your guest OS.');
    expect(email.text).toContain('You own and control your guest operating systems');
    await expect(email.text).toMatchFileSnapshot('./__golden__/email-resolution.txt');
  });

  it('never names customers or staff, and escapes HTML', () => {
    const tricky = { ...incident, updates: incident.updates.map((u) => ({ ...u, message: { ja: '<b>注意</b>', en: '<script>x</script>' } })) };
    const email = renderCustomerEmail(tricky, action('initial', 0), catalog);
    for (const secret of ['cust-4f2a91', 'cust-9b7c03', 't-sato', 'k-tanaka']) {
      expect(email.text).not.toContain(secret);
      expect(email.html).not.toContain(secret);
    }
    expect(email.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(email.html).not.toContain('<script>');
  });
});
