/** A status badge (SVG, shields-style), readable by screen readers. */
import { INDICATOR_LABEL, type Lang } from '../i18n/labels.ts';
import type { Indicator } from '../status/component-status.ts';

const COLOUR: Record<Indicator, string> = {
  none: '#1a7f37',
  minor: '#9a6700',
  major: '#bc4c00',
  critical: '#cf222e',
  maintenance: '#0969da',
};
const SHORT: Record<Indicator, Record<Lang, string>> = {
  none: { ja: '正常', en: 'operational' },
  minor: { ja: '性能低下', en: 'degraded' },
  major: { ja: '一部障害', en: 'partial outage' },
  critical: { ja: '重大障害', en: 'major outage' },
  maintenance: { ja: 'メンテナンス中', en: 'maintenance' },
};

export function badgeSvg(indicator: Indicator, lang: Lang, label = 'status'): string {
  const value = SHORT[indicator][lang];
  // Width estimate: CJK glyphs are about twice as wide as Latin ones at 11px.
  const width = (s: string) => [...s].reduce((w, ch) => w + (ch.charCodeAt(0) > 0x2e80 ? 11 : 6.5), 0) + 12;
  const lw = Math.round(width(label));
  const vw = Math.round(width(value));
  const title = `${label}: ${INDICATOR_LABEL[indicator][lang]}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${lw + vw}" height="20" role="img" aria-label="${title}"><title>${title}</title><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${vw}" height="20" fill="${COLOUR[indicator]}"/><g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" text-anchor="middle"><text x="${lw / 2}" y="14">${label}</text><text x="${lw + vw / 2}" y="14">${value}</text></g></svg>\n`;
}
