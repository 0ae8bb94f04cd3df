/** Every fixed word the site shows, in both languages. Incident text comes from the files. */
import type { ComponentStatus, Indicator } from '../status/component-status.ts';

export type Lang = 'ja' | 'en';
export const LANGS: readonly Lang[] = ['ja', 'en'];

export const COMPONENT_STATUS_LABEL: Record<ComponentStatus, Record<Lang, string>> = {
  operational: { ja: '正常', en: 'Operational' },
  under_maintenance: { ja: 'メンテナンス中', en: 'Under maintenance' },
  degraded_performance: { ja: '性能低下', en: 'Degraded performance' },
  partial_outage: { ja: '部分的な障害', en: 'Partial outage' },
  major_outage: { ja: '重大な障害', en: 'Major outage' },
};

export const INDICATOR_LABEL: Record<Indicator, Record<Lang, string>> = {
  none: { ja: 'すべてのシステムは正常に稼働しています', en: 'All Systems Operational' },
  minor: { ja: '一部のサービスで性能が低下しています', en: 'Minor Service Outage' },
  major: { ja: '一部のサービスで障害が発生しています', en: 'Partial System Outage' },
  critical: { ja: '重大な障害が発生しています', en: 'Major Service Outage' },
  maintenance: { ja: 'メンテナンスを実施しています', en: 'Service Under Maintenance' },
};

export const UPDATE_STATUS_LABEL: Record<string, Record<Lang, string>> = {
  investigating: { ja: '調査中', en: 'Investigating' },
  identified: { ja: '原因特定', en: 'Identified' },
  monitoring: { ja: '経過観察', en: 'Monitoring' },
  resolved: { ja: '復旧', en: 'Resolved' },
  scheduled: { ja: '予定', en: 'Scheduled' },
  in_progress: { ja: '実施中', en: 'In progress' },
  verifying: { ja: '確認中', en: 'Verifying' },
  completed: { ja: '完了', en: 'Completed' },
};

export const TYPE_LABEL: Record<string, Record<Lang, string>> = {
  failure: { ja: '障害', en: 'Failure' },
  vulnerability: { ja: '脆弱性', en: 'Vulnerability' },
  security: { ja: 'セキュリティ', en: 'Security' },
  maintenance: { ja: 'メンテナンス', en: 'Maintenance' },
};

export const SEVERITY_LABEL: Record<string, Record<Lang, string>> = {
  sev1: { ja: 'SEV1（最重大）', en: 'SEV1 (critical)' },
  sev2: { ja: 'SEV2（重大）', en: 'SEV2 (major)' },
  sev3: { ja: 'SEV3（軽微）', en: 'SEV3 (minor)' },
  sev4: { ja: 'SEV4（低）', en: 'SEV4 (low)' },
};

const UI = {
  siteDescription: {
    ja: 'KCPS と KBI の稼働状況、障害・メンテナンス情報、インシデント管理の方針',
    en: 'Status, incidents, maintenance and the incident-management policy of KCPS and KBI',
  },
  skip: { ja: '本文へ移動', en: 'Skip to content' },
  home: { ja: '稼働状況', en: 'Status' },
  history: { ja: '履歴', en: 'History' },
  knowledge: { ja: 'ナレッジ', en: 'Knowledge' },
  switchTo: { ja: 'English', en: '日本語' },
  switchLabel: { ja: 'English version', en: '日本語版' },
  activeIncidents: { ja: '発生中のインシデント', en: 'Active incidents' },
  noActiveIncidents: { ja: '現在、発生中のインシデントはありません。', en: 'There are no active incidents.' },
  maintenance: { ja: 'メンテナンス', en: 'Maintenance' },
  activeMaintenance: { ja: '実施中のメンテナンス', en: 'Maintenance in progress' },
  upcomingMaintenance: { ja: '予定されているメンテナンス', en: 'Upcoming maintenance' },
  noMaintenance: { ja: '予定されているメンテナンスはありません。', en: 'No maintenance is scheduled.' },
  recentIncidents: { ja: '最近のインシデント', en: 'Recent incidents' },
  allHistory: { ja: 'すべての履歴', en: 'Full history' },
  components: { ja: 'コンポーネント', en: 'Components' },
  ninetyDays: { ja: '過去 90 日間', en: 'Past 90 days' },
  uptime: { ja: '稼働率', en: 'uptime' },
  historyMethod: { ja: '算出方法', en: 'How this is computed' },
  daysWith: { ja: '影響のあった日', en: 'Days with impact' },
  noImpactDays: { ja: '過去 90 日間に影響はありません。', en: 'No impact in the past 90 days.' },
  today: { ja: '今日', en: 'Today' },
  daysAgo90: { ja: '90 日前', en: '90 days ago' },
  latestUpdate: { ja: '最新の更新', en: 'Latest update' },
  updates: { ja: '経過', en: 'Updates' },
  affected: { ja: '影響を受けたコンポーネント', en: 'Affected components' },
  impact: { ja: '影響', en: 'Impact' },
  duration: { ja: '影響時間', en: 'Duration' },
  ongoing: { ja: '継続中', en: 'ongoing' },
  window: { ja: '作業時間帯', en: 'Window' },
  targets: { ja: '目標の達成状況', en: 'Targets' },
  notifyTarget: { ja: 'お客さまへの通知（30 分以内）', en: 'Customer notification (within 30 minutes)' },
  recoverTarget: { ja: '復旧（2 時間以内）', en: 'Recovery (within 2 hours)' },
  met: { ja: '達成', en: 'Met' },
  missed: { ja: '未達', en: 'Missed' },
  running: { ja: '計測中', en: 'In progress' },
  clockStartDesk: {
    ja: 'サポート窓口の受付時間外のお問い合わせのため、計測は窓口の開始時刻から始まります。',
    en: 'The inquiry arrived outside support desk hours, so the clock started when the desk opened.',
  },
  nextUpdate: { ja: '次回更新予定', en: 'Next update by' },
  notEvidenced: {
    ja: '掲載確認の記録はまだありません',
    en: 'Not yet evidenced: no record yet that this page was verified live',
  },
  verifiedLive: { ja: '掲載確認', en: 'Verified live' },
  recovered: { ja: '復旧', en: 'Recovered' },
  afterStart: { ja: '計測開始から', en: 'after clock start' },
  customerActions: { ja: 'お客さまにお願いしたいこと', en: 'What you need to do' },
  related: { ja: '同時に発生した関連する障害', en: 'Related incidents at the same time' },
  responsibility: { ja: 'お客さまの責任範囲', en: 'Your side of shared responsibility' },
  postmortem: { ja: '事後レビュー（ポストモーテム）', en: 'Postmortem' },
  postmortemPending: {
    ja: '事後レビューを実施中です。承認後に要約を掲載します。',
    en: 'A postmortem is under way; its approved summary will appear here.',
  },
  approvedOn: { ja: '承認日', en: 'Approved on' },
  service: { ja: 'サービス', en: 'Service' },
  type: { ja: '種別', en: 'Type' },
  severity: { ja: '重大度', en: 'Severity' },
  detected: { ja: '検知', en: 'Detected' },
  page: { ja: 'ページ', en: 'Page' },
  previous: { ja: '新しい履歴', en: 'Newer' },
  next: { ja: '過去の履歴', en: 'Older' },
  noIncidents: { ja: 'この期間のインシデントはありません。', en: 'No incidents in this period.' },
  feeds: { ja: '更新情報の購読', en: 'Follow updates' },
  rss: { ja: 'RSS フィード', en: 'RSS feed' },
  calendar: { ja: 'メンテナンスのカレンダー（iCalendar）', en: 'Maintenance calendar (iCalendar)' },
  api: { ja: 'JSON API（Statuspage 互換）', en: 'JSON API (Statuspage-compatible)' },
  externalNotice: { ja: 'こちらでもお知らせしています', en: 'Also announced on' },
  updatedAt: { ja: '更新', en: 'Updated' },
  notFoundTitle: { ja: 'ページが見つかりません', en: 'Page not found' },
  notFoundBody: {
    ja: 'お探しのページは存在しないか、移動しました。',
    en: 'The page you are looking for does not exist or has moved.',
  },
  backHome: { ja: '稼働状況に戻る', en: 'Back to the status page' },
  rulePage: { ja: 'チェックルール', en: 'Checker rule' },
  why: { ja: 'このルールの目的', en: 'Why this rule exists' },
  rightLooks: { ja: '正しい書き方', en: 'What right looks like' },
  example: { ja: '例', en: 'Example' },
  severityWord: { ja: '重要度', en: 'Severity' },
  error: { ja: 'エラー（マージ不可）', en: 'error (blocks the merge)' },
  warning: { ja: '警告', en: 'warning' },
  minutes: { ja: '分', en: 'min' },
  generatedAt: { ja: '最終更新', en: 'Last updated' },
  generatedNote: {
    ja: 'このページの生成時刻です。古いままなら、公開が止まっている可能性があります。',
    en: 'when this page was generated; if it looks old, publishing may have stopped.',
  },
  atAGlance: { ja: 'コンポーネントの状況（要約）', en: 'Component status at a glance' },
  othersOperational: {
    ja: 'その他のコンポーネントは正常に稼働しています。',
    en: 'All other components are operational.',
  },
  allOperational: { ja: 'すべてのコンポーネントが正常に稼働しています。', en: 'All components are operational.' },
  showActive: { ja: '件のインシデントが発生中です（一覧を開く）', en: 'active incidents (open the list)' },
  noRecentIncidents: { ja: '最近のインシデントはありません。', en: 'No recent incidents.' },
  follow: { ja: '購読', en: 'Follow' },
} as const;

export type UiKey = keyof typeof UI;

export function t(key: UiKey, lang: Lang): string {
  return UI[key][lang];
}
