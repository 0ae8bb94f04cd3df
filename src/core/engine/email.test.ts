import { describe, expect, it } from 'vitest';
import { catalog, makeIncident } from '../../../test/builders.ts';
import type { Incident } from '../incident/schema.ts';
import { renderCustomerEmail, renderCustomerNotice, type NoticeEvent } from './email.ts';

/** A customer-scope storage fault: investigating (with the next update promised), identified, monitoring, resolved. */
const incident = makeIncident({
  id: '2026-11-20-kcps-instance-stop',
  scope: 'customer',
  customers: ['cust-4f2a91', 'cust-9b7c03'],
  components: [{ id: 'virtual-servers', status: 'major_outage' }],
  customer_actions: {
    ja: 'ゲスト OS 内のアプリケーションが自動で起動しない場合は、手動で起動してください。',
    en: 'If the applications inside your guest OS did not start by themselves, start them by hand.',
  },
  postmortem: undefined,
  prevention: undefined,
});
incident.updates[0] = { ...incident.updates[0]!, next_update_at: '2026-11-20T11:00:00+09:00' };
incident.updates[1] = {
  ...incident.updates[1]!,
  message: {
    ja: 'ストレージノード 1 台のディスク劣化が原因と特定しました。\n切り離し作業を行っています。',
    en: 'We identified a degraded disk on one storage node.\nWe are taking it out of service.',
  },
};
const UPDATE_OF: Record<NoticeEvent, number> = { initial: 0, update: 1, resolution: 3 };
const action = (event: NoticeEvent, i: Incident = incident) => ({
  kind: 'customer-email' as const,
  key: `k/${UPDATE_OF[event]}`,
  incident: i.id,
  at: i.updates[UPDATE_OF[event]]!.at,
  reason: 'test',
  event,
  updateIndex: UPDATE_OF[event],
  customers: i.customers!,
});

describe('customer notices as a customer reads them (golden, ja and en × initial / update / resolution)', () => {
  it.each(['initial', 'update', 'resolution'] as const)('%s', async (event) => {
    for (const lang of ['ja', 'en'] as const) {
      const n = renderCustomerNotice(incident, action(event), catalog, lang);
      await expect(`Subject: ${n.subject}\n\n${n.text}`).toMatchFileSnapshot(`./__golden__/email-${event}-${lang}.txt`);
    }
  });

  it('a first notice sent only after the resolution (golden): reports the end with the recovery time and promises nothing further', async () => {
    const late = { ...action('resolution'), event: 'initial' as const };
    for (const lang of ['ja', 'en'] as const) {
      const n = renderCustomerNotice(incident, late, catalog, lang);
      await expect(`Subject: ${n.subject}\n\n${n.text}`).toMatchFileSnapshot(
        `./__golden__/email-initial-after-resolution-${lang}.txt`,
      );
    }
    const both = renderCustomerEmail(incident, late, catalog);
    expect(both.subject).toContain('障害発生および復旧のお知らせ');
    expect(both.text).toContain('■ 復旧日時:');
    expect(both.text).toContain('■ Resolved:');
    expect(both.text).not.toMatch(
      /あらためてご報告いたします|続報をお送りいたします|We will update you|next update by/,
    );
    expect(both.text).not.toContain('発生しております');
    // The first notice of a running incident is unchanged by this.
    expect(renderCustomerEmail(incident, action('initial'), catalog).text).not.toContain('復旧日時');
  });

  it("the message sent: both languages, Japanese first; the HTML keeps the writer's line breaks (golden)", async () => {
    const email = renderCustomerEmail(incident, action('update'), catalog);
    await expect(email.html).toMatchFileSnapshot('./__golden__/email-update.html');
    expect(email.text.indexOf('お客さま各位')).toBeLessThan(email.text.indexOf('Dear customer,'));
    expect(email.html).toContain('ディスク劣化が原因と特定しました。<br>\n切り離し作業を行っています。');
    expect(email.html).toContain(
      'We identified a degraded disk on one storage node.<br>\nWe are taking it out of service.',
    );
  });
});

describe('what a Japanese business notice has', () => {
  const ja = (event: NoticeEvent, i: Incident = incident) =>
    renderCustomerNotice(i, action(event, i), catalog, 'ja').text;
  const en = (event: NoticeEvent, i: Incident = incident) =>
    renderCustomerNotice(i, action(event, i), catalog, 'en').text;

  it('addressee, the usual opening, an apology, and the provider and support desk from the catalog in the signature', () => {
    for (const event of ['initial', 'update', 'resolution'] as const) {
      expect(ja(event)).toMatch(
        /^お客さま各位\n\nいつもKCPS クラウドプラットフォームをご利用いただき、誠にありがとうございます。\nKCPS 運営事務局でございます。/,
      );
      expect(ja(event)).toMatch(/お詫び申し上げます。/);
      expect(ja(event)).toContain(
        'KCPS サポートセンター（受付時間：24 時間 365 日）\nお問い合わせ: https://support.kcps.example.jp/contact/\n電話: 0120-000-110',
      );
      expect(en(event)).toMatch(
        /^Dear customer,\n\nThank you for using KCPS Cloud Platform\. This is KCPS Operations\./,
      );
      expect(en(event)).toMatch(/sorry|apologise/);
      expect(en(event)).toContain(
        'Kind regards,\nKCPS Operations\nKCPS Support Center (24 hours a day, 365 days a year)',
      );
    }
    const kbi = { ...incident, service: 'kbi', components: [{ id: 'login', status: 'major_outage' as const }] };
    expect(ja('initial', kbi)).toContain('KBI ヘルプデスク（受付時間：平日 9:00〜17:30（土日祝日・年末年始を除く））');
  });

  it('the next update time when it is known; a plain promise when it is not; none after the resolution', () => {
    expect(ja('initial')).toContain('■ 次回のご報告\n2026/11/20 11:00 JST ごろまでに続報をお送りいたします。');
    expect(en('initial')).toContain(
      '■ Next update\nWe will send the next update by 2026-11-20 11:00 JST, or sooner if the situation changes.',
    );
    expect(ja('update')).toContain('■ 次回のご報告\n状況に進展があり次第、あらためてご報告いたします。');
    expect(ja('resolution')).toContain('本件に関するご報告は、本メールをもって最後とさせていただきます。');
  });

  it('a short subject that leads with the service and the title, the status said once', () => {
    for (const event of ['initial', 'update', 'resolution'] as const) {
      const { subject } = renderCustomerEmail(incident, action(event), catalog);
      expect(subject).toMatch(/^【KCPS】東日本リージョンのブロックストレージ書き込み遅延（/);
      expect(subject).toContain(' / [KCPS] ');
      for (const status of ['調査中', '原因特定', '復旧済み', 'Investigating', 'Identified', '(Resolved)'])
        expect(subject).not.toContain(status);
    }
    expect(renderCustomerNotice(incident, action('resolution'), catalog, 'en').subject).toBe(
      '[KCPS] Resolved: Write latency on block storage in the East Japan region',
    );
    expect(renderCustomerNotice(incident, action('initial'), catalog, 'ja').subject).toBe(
      '【KCPS】東日本リージョンのブロックストレージ書き込み遅延（障害発生のお知らせ）',
    );
  });

  it('shared responsibility only for security incidents; what customers must do whenever it is written', () => {
    for (const event of ['initial', 'update', 'resolution'] as const) {
      expect(ja(event)).not.toContain('責任共有');
      expect(en(event)).not.toContain('shared responsibility');
      expect(ja(event)).toContain('■ お客さまにお願いしたいこと\nゲスト OS 内のアプリケーションが');
    }
    const security = { ...incident, type: 'security' as const };
    expect(ja('initial', security)).toContain('■ 責任共有について\nゲスト OS、ソフトウェア');
    expect(en('resolution', security)).toContain('■ Your side of shared responsibility\nYou own and control');
    expect(renderCustomerNotice(security, action('initial', security), catalog, 'ja').subject).toBe(
      '【KCPS】東日本リージョンのブロックストレージ書き込み遅延（セキュリティインシデントのお知らせ）',
    );
    const noActions = { ...incident, customer_actions: undefined };
    expect(ja('resolution', noActions)).not.toContain('お願いしたいこと');
  });

  it('never names customers or staff, and escapes HTML (a hostile message cannot inject markup)', () => {
    const tricky = {
      ...incident,
      title: { ja: '<img src=x onerror=alert(1)>', en: '"><script>x</script>' },
      updates: incident.updates.map((u) => ({
        ...u,
        message: { ja: '<b>注意</b>\n& 続き', en: '<script>x</script>' },
      })),
    };
    const email = renderCustomerEmail(tricky, action('initial', tricky), catalog);
    for (const secret of ['cust-4f2a91', 'cust-9b7c03', 't-sato', 'k-tanaka']) {
      expect(email.text).not.toContain(secret);
      expect(email.html).not.toContain(secret);
      expect(email.subject).not.toContain(secret);
    }
    expect(email.html).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(email.html).toContain('&lt;b&gt;注意&lt;/b&gt;<br>\n&amp; 続き');
    expect(email.html).not.toMatch(/<script|<img|<b>/);
  });
});
