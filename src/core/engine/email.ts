/**
 * Customer notices, written the way a Japanese operations team writes them
 * (addressee, the usual opening, an apology, the facts, what the customer
 * must do, when we will report next, the signature with the support desk),
 * with an English counterpart written as a good English notice, not a
 * translation of the Japanese forms. One message carries both, Japanese first.
 *
 * Each language is a list of blocks; the plain text (the auditable copy) and
 * the HTML are both rendered from it, so they say the same thing, and line
 * breaks written in a message are kept in the HTML.
 *
 * Only the affected customer's own notice: no other customer's id, no staff
 * names. The shared-responsibility paragraph appears only where it applies:
 * security incidents, where the customer's side may be where it happened.
 */
import type { CatalogIndex } from '../catalog/index.ts';
import type { Service } from '../catalog/schema.ts';
import { formatJst } from '../i18n/format.ts';
import { COMPONENT_STATUS_LABEL, UPDATE_STATUS_LABEL, type Lang } from '../i18n/labels.ts';
import type { Incident } from '../incident/schema.ts';
import { escapeHtml } from '../text/escape-html.ts';
import type { Action } from './actions.ts';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

type CustomerEmail = Extract<Action, { kind: 'customer-email' }>;
export type NoticeEvent = CustomerEmail['event'];

type Block =
  | { kind: 'p'; text: string }
  | { kind: 'facts'; rows: [string, string][] }
  | { kind: 'section'; heading: string; text: string }
  | { kind: 'signature'; lines: string[] };

/** The word for the notice in the subject: short, said once (the status is in the body). */
const SUBJECT_EVENT: Record<'incident' | 'security', Record<NoticeEvent, Record<Lang, string>>> = {
  incident: {
    initial: { ja: '障害発生のお知らせ', en: 'Incident notice' },
    update: { ja: '障害対応状況のお知らせ', en: 'Incident update' },
    resolution: { ja: '障害復旧のお知らせ', en: 'Resolved' },
  },
  security: {
    initial: { ja: 'セキュリティインシデントのお知らせ', en: 'Security incident notice' },
    update: { ja: 'セキュリティインシデント対応状況のお知らせ', en: 'Security incident update' },
    resolution: { ja: 'セキュリティインシデント対応完了のお知らせ', en: 'Security incident resolved' },
  },
};

/** A first notice that goes out only after the resolution (a late notice): it reports both at once. */
const SUBJECT_RESOLVED_FIRST: Record<'incident' | 'security', Record<Lang, string>> = {
  incident: { ja: '障害発生および復旧のお知らせ', en: 'Incident notice (resolved)' },
  security: { ja: 'セキュリティインシデント発生および対応完了のお知らせ', en: 'Security incident notice (resolved)' },
};

/** Whether this notice reports the end of the incident: the resolution, or a first notice written after it (nothing further will follow). */
const reportsEnd = (incident: Incident, action: CustomerEmail) => {
  const status = incident.updates[action.updateIndex]!.status;
  return (
    action.event === 'resolution' || (action.event === 'initial' && (status === 'resolved' || status === 'completed'))
  );
};

/** One language of a notice: its own subject and body. */
export function renderCustomerNotice(
  incident: Incident,
  action: CustomerEmail,
  catalog: CatalogIndex,
  lang: Lang,
): RenderedEmail {
  const service = catalog.service(incident.service)!;
  const blocks = noticeBlocks(incident, action, catalog, service, lang);
  const kind = incident.type === 'security' ? 'security' : 'incident';
  const word =
    action.event === 'initial' && reportsEnd(incident, action)
      ? SUBJECT_RESOLVED_FIRST[kind]
      : SUBJECT_EVENT[kind][action.event];
  const subject =
    lang === 'ja'
      ? `【${service.short_name}】${incident.title.ja}（${word.ja}）`
      : `[${service.short_name}] ${word.en}: ${incident.title.en}`;
  return { subject, text: `${blocks.map(blockText).join('\n\n')}\n`, html: blocks.map(blockHtml).join('\n') };
}

/** The message sent: Japanese first, then English, in one message; the subject leads with the service and the title. */
export function renderCustomerEmail(incident: Incident, action: CustomerEmail, catalog: CatalogIndex): RenderedEmail {
  const ja = renderCustomerNotice(incident, action, catalog, 'ja');
  const en = renderCustomerNotice(incident, action, catalog, 'en');
  return {
    subject: `${ja.subject} / ${en.subject}`,
    text: `（English follows the Japanese.）\n\n${ja.text}\n――――――――――――――――――――\nEnglish\n\n${en.text}`,
    html: `<!doctype html><html><body style="font-family:sans-serif;line-height:1.7;max-width:42em"><p><small>English follows the Japanese.</small></p><div lang="ja">\n${ja.html}\n</div><hr><div lang="en">\n${en.html}\n</div></body></html>\n`,
  };
}

function noticeBlocks(
  incident: Incident,
  action: CustomerEmail,
  catalog: CatalogIndex,
  service: Service,
  lang: Lang,
): Block[] {
  const L = (ja: string, en: string) => (lang === 'ja' ? ja : en);
  const update = incident.updates[action.updateIndex]!;
  const provider = catalog.catalog.site.provider[lang];
  const security = incident.type === 'security';
  const event = action.event;
  // A first notice after the resolution says what happened and that it is over, with the recovery time, and promises nothing further.
  const ended = reportsEnd(incident, action);
  const lateFirst = event === 'initial' && ended;
  const affected = incident.components
    .map(
      (c) =>
        `${catalog.componentName(incident.service, c.id)?.[lang] ?? c.id}${L('（', ' (')}${COMPONENT_STATUS_LABEL[c.status][lang]}${L('）', ')')}`,
    )
    .join(L('、', ', '));
  const noun = L(security ? 'セキュリティインシデント' : '障害', security ? 'security incident' : 'incident');

  const opening: Block[] = [
    { kind: 'p', text: L('お客さま各位', 'Dear customer,') },
    {
      kind: 'p',
      text: L(
        `いつも${service.name.ja}をご利用いただき、誠にありがとうございます。\n${provider}でございます。`,
        `Thank you for using ${service.name.en}. This is ${provider}.`,
      ),
    },
    {
      kind: 'p',
      text: lateFirst
        ? L(
            `お客さまがご利用中の環境において、下記の${noun}が発生しておりましたが、${incident.recovered_at ? `${formatJst(incident.recovered_at, 'ja')} に` : ''}復旧いたしました。\nご報告が復旧後となりましたことを含め、お客さまに多大なるご迷惑をおかけいたしましたことを、深くお詫び申し上げます。`,
            `We are writing to tell you about ${security ? 'a security incident' : 'an incident'} that affected your environment and ${incident.recovered_at ? `was resolved at ${formatJst(incident.recovered_at, 'en')}` : 'has been resolved'}. We are very sorry for the disruption, and that this notice reaches you only now.`,
          )
        : {
            initial: L(
              `お客さまがご利用中の環境において、下記の${noun}が発生しております。\nお客さまには多大なるご迷惑をおかけしておりますことを、深くお詫び申し上げます。`,
              `We are writing to tell you about ${security ? 'a security incident' : 'an incident'} affecting your environment. We are very sorry for the disruption this is causing you.`,
            ),
            update: L(
              `先にお知らせいたしました${noun}について、対応状況をご報告いたします。\nお客さまには引き続きご迷惑をおかけしておりますことを、深くお詫び申し上げます。`,
              `This is an update on the ${noun} we told you about earlier. We are sorry that it is still affecting you.`,
            ),
            resolution: L(
              `先にお知らせいたしました${noun}は、${incident.recovered_at ? `${formatJst(incident.recovered_at, 'ja')} に` : ''}復旧いたしました。\nこのたびはお客さまに多大なるご迷惑をおかけいたしましたことを、深くお詫び申し上げます。`,
              `The ${noun} we told you about ${incident.recovered_at ? `was resolved at ${formatJst(incident.recovered_at, 'en')}` : 'has been resolved'}. We sincerely apologise for the disruption it caused you.`,
            ),
          }[event],
    },
  ];

  const facts: Block = {
    kind: 'facts',
    rows: [
      [L('事象', 'Incident'), incident.title[lang]],
      [L('現在の状況', 'Status'), UPDATE_STATUS_LABEL[update.status]![lang]],
      ...(incident.detection
        ? [[L('発生日時', 'Started'), formatJst(incident.detection.at, lang)] as [string, string]]
        : []),
      ...(ended && incident.recovered_at
        ? [[L('復旧日時', 'Resolved'), formatJst(incident.recovered_at, lang)] as [string, string]]
        : []),
      [L('対象', 'Affected'), affected],
      ...(incident.impact ? [[L('影響', 'Impact'), incident.impact[lang]] as [string, string]] : []),
      [L('お問い合わせ番号', 'Reference'), incident.id],
    ],
  };

  const details: Block[] = [
    {
      kind: 'section',
      heading: L(`${formatJst(update.at, 'ja')} 時点の状況`, `Where things stand (${formatJst(update.at, 'en')})`),
      text: update.message[lang],
    },
    ...(incident.customer_actions
      ? [
          {
            kind: 'section' as const,
            heading: L('お客さまにお願いしたいこと', 'What you need to do'),
            text: incident.customer_actions[lang],
          },
        ]
      : []),
    ...(security
      ? [
          {
            kind: 'section' as const,
            heading: L('責任共有について', 'Your side of shared responsibility'),
            text: service.customer_responsibility[lang],
          },
        ]
      : []),
    {
      kind: 'section',
      heading: L('次回のご報告', 'Next update'),
      text: ended
        ? L(
            '本件に関するご報告は、本メールをもって最後とさせていただきます。ご不明な点がございましたら、下記の窓口までお問い合わせください。',
            'This is our last notice about this incident. If you have any questions, please contact us at the desk below.',
          )
        : update.next_update_at
          ? L(
              `${formatJst(update.next_update_at, 'ja')} ごろまでに続報をお送りいたします。状況に進展があった場合は、それより前にお知らせいたします。`,
              `We will send the next update by ${formatJst(update.next_update_at, 'en')}, or sooner if the situation changes.`,
            )
          : L(
              '状況に進展があり次第、あらためてご報告いたします。',
              'We will update you as soon as we have more to tell you.',
            ),
    },
    {
      kind: 'p',
      text: ended
        ? L(
            `今後とも${service.name.ja}をよろしくお願い申し上げます。`,
            `Thank you for your patience, and for continuing to use ${service.name.en}.`,
          )
        : L(
            'ご不便をおかけいたしますが、何卒よろしくお願い申し上げます。',
            'We apologise again for the inconvenience.',
          ),
    },
  ];

  const support = service.support;
  const signature: Block = {
    kind: 'signature',
    lines: [
      ...(lang === 'en' ? ['Kind regards,'] : []),
      provider,
      `${support.name[lang]}${L('（受付時間：', ' (')}${support.hours[lang]}${L('）', ')')}`,
      `${L('お問い合わせ', 'Contact')}: ${support.url}`,
      ...(support.phone ? [`${L('電話', 'Phone')}: ${support.phone}`] : []),
      L(
        'お問い合わせの際は、上記のお問い合わせ番号をお知らせください。',
        'Please quote the reference above when you contact us.',
      ),
      L(
        '本メールはお客さま固有の事象に関するお知らせのため、ステータスページには掲載しておりません。',
        'This notice concerns your environment only and is not posted on the status page.',
      ),
    ],
  };
  return [...opening, facts, ...details, signature];
}

const RULE = '――――――――――――――――――――';

function blockText(b: Block): string {
  switch (b.kind) {
    case 'p':
      return b.text;
    case 'facts':
      return b.rows.map(([k, v]) => `■ ${k}: ${v}`).join('\n');
    case 'section':
      return `■ ${b.heading}\n${b.text}`;
    case 'signature':
      return `${RULE}\n${b.lines.join('\n')}\n${RULE}`;
  }
}

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'p':
      return `<p>${lines(b.text)}</p>`;
    case 'facts':
      return `<table>${b.rows.map(([k, v]) => `<tr><th align="left" valign="top">${escapeHtml(k)}</th><td>${lines(v)}</td></tr>`).join('')}</table>`;
    case 'section':
      return `<h3>${escapeHtml(b.heading)}</h3>${b.text
        .split(/\n{2,}/)
        .map((p) => `<p>${lines(p)}</p>`)
        .join('')}`;
    case 'signature':
      return `<hr><p><small>${b.lines.map(escapeHtml).join('<br>')}</small></p>`;
  }
}

/** Escaped, with the line breaks the writer put in kept. */
function lines(s: string): string {
  return escapeHtml(s).replace(/\r?\n/g, '<br>\n');
}
