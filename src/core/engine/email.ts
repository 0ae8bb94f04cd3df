/**
 * Customer notices, rendered in both languages (Japanese first). The plain
 * text is written, not derived from the HTML: it is the auditable copy. Only
 * the affected customer's own notice: no other customer's id, no staff names.
 */
import type { CatalogIndex } from '../catalog/index.ts';
import { formatJst } from '../i18n/format.ts';
import { COMPONENT_STATUS_LABEL, UPDATE_STATUS_LABEL, type Lang } from '../i18n/labels.ts';
import type { Incident } from '../incident/schema.ts';
import type { Action } from './actions.ts';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

type CustomerEmail = Extract<Action, { kind: 'customer-email' }>;

const EVENT: Record<CustomerEmail['event'], Record<Lang, string>> = {
  initial: { ja: '障害発生のお知らせ', en: 'Incident notice' },
  update: { ja: '障害対応状況のお知らせ', en: 'Incident update' },
  resolution: { ja: '障害復旧のお知らせ', en: 'Incident resolved' },
};

const SECURITY_EVENT: Record<CustomerEmail['event'], Record<Lang, string>> = {
  initial: { ja: 'セキュリティインシデントのお知らせ', en: 'Security incident notice' },
  update: { ja: 'セキュリティインシデント対応状況のお知らせ', en: 'Security incident update' },
  resolution: { ja: 'セキュリティインシデント対応完了のお知らせ', en: 'Security incident resolved' },
};

export function renderCustomerEmail(incident: Incident, action: CustomerEmail, catalog: CatalogIndex): RenderedEmail {
  const service = catalog.service(incident.service)!;
  const update = incident.updates[action.updateIndex]!;
  const events = incident.type === 'security' ? SECURITY_EVENT : EVENT;
  const subject = `【${service.name.ja}】${events[action.event].ja}（${UPDATE_STATUS_LABEL[update.status]!.ja}）/ [${service.name.en}] ${events[action.event].en} (${UPDATE_STATUS_LABEL[update.status]!.en}): ${incident.title.en}`;
  const sections = (lang: Lang) => {
    const L = (ja: string, en: string) => (lang === 'ja' ? ja : en);
    const rows: [string, string][] = [
      [L('件名', 'Subject'), incident.title[lang]],
      [L('状況', 'Status'), UPDATE_STATUS_LABEL[update.status]![lang]],
      [L('検知日時', 'Detected'), incident.detection ? formatJst(incident.detection.at, lang) : '-'],
      [L('対象', 'Affected'), incident.components.map((c) => `${catalog.componentName(incident.service, c.id)?.[lang] ?? c.id} (${COMPONENT_STATUS_LABEL[c.status][lang]})`).join(L('、', ', '))],
      ...(incident.impact ? [[L('影響', 'Impact'), incident.impact[lang]] as [string, string]] : []),
      ...(action.event === 'resolution' && incident.recovered_at ? [[L('復旧日時', 'Recovered'), formatJst(incident.recovered_at, lang)] as [string, string]] : []),
      [L('お問い合わせ番号', 'Reference'), incident.id],
    ];
    const latest = { heading: L(`最新情報（${formatJst(update.at, lang)}）`, `Latest update (${formatJst(update.at, lang)})`), body: update.message[lang] };
    const actions = action.event === 'resolution' || incident.customer_actions
      ? {
          heading: L('お客さまにお願いしたいこと', 'What you need to do'),
          body: [incident.customer_actions?.[lang], service.customer_responsibility[lang]].filter(Boolean).join('\n\n'),
        }
      : undefined;
    const greeting = L(
      `${service.name.ja}をご利用いただきありがとうございます。お客さまのご利用環境に関わる事象についてお知らせします。`,
      `Thank you for using ${service.name.en}. This notice concerns your environment.`,
    );
    const footer = L(
      'このお知らせはお客さま固有の事象に関するもので、ステータスページには掲載していません。ご不明な点はお問い合わせ番号を添えてサポート窓口までご連絡ください。',
      'This notice concerns you specifically and is not posted on the status page. If you have questions, contact the support desk with the reference above.',
    );
    return { greeting, rows, latest, actions, footer };
  };

  const text = (['ja', 'en'] as const)
    .map((lang) => {
      const s = sections(lang);
      return [
        s.greeting,
        '',
        ...s.rows.map(([k, v]) => `■ ${k}: ${v}`),
        '',
        `■ ${s.latest.heading}`,
        s.latest.body,
        ...(s.actions ? ['', `■ ${s.actions.heading}`, s.actions.body] : []),
        '',
        s.footer,
      ].join('\n');
    })
    .join('\n\n――――――――――――――――――――\nEnglish\n\n');

  const html = `<!doctype html><html><body style="font-family:sans-serif;line-height:1.6">${(['ja', 'en'] as const)
    .map((lang) => {
      const s = sections(lang);
      return `<div lang="${lang}"><p>${esc(s.greeting)}</p><table>${s.rows.map(([k, v]) => `<tr><th align="left">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table><h3>${esc(s.latest.heading)}</h3><p>${esc(s.latest.body)}</p>${
        s.actions ? `<h3>${esc(s.actions.heading)}</h3>${s.actions.body.split('\n\n').map((p) => `<p>${esc(p)}</p>`).join('')}` : ''
      }<p><small>${esc(s.footer)}</small></p></div>`;
    })
    .join('<hr>')}</body></html>\n`;

  return { subject, text: `${text}\n`, html };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
