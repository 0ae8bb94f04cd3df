/** The history pages: public incidents and maintenance by month (JST), newest first, a fixed number per page. */
import { formatMonth } from '../i18n/format.ts';
import type { Lang } from '../i18n/labels.ts';
import { jstDate, toMs } from '../time.ts';
import { incidentCard, type IncidentCard } from './incident-card.ts';
import { sortByStartDesc, startOf, type SiteData } from './site-data.ts';

export const HISTORY_PAGE_SIZE = 25;

export interface HistoryPage {
  number: number;
  total: number;
  months: { month: string; label: string; items: IncidentCard[] }[];
}

export function historyPages(data: SiteData, lang: Lang, serviceId?: string): HistoryPage[] {
  const incidents = sortByStartDesc(data.incidents.filter((i) => !serviceId || i.service === serviceId));
  const total = Math.max(1, Math.ceil(incidents.length / HISTORY_PAGE_SIZE));
  return Array.from({ length: total }, (_, n) => {
    const slice = incidents.slice(n * HISTORY_PAGE_SIZE, (n + 1) * HISTORY_PAGE_SIZE);
    const months: HistoryPage['months'] = [];
    for (const i of slice) {
      const month = jstDate(toMs(startOf(i))).slice(0, 7);
      let bucket = months[months.length - 1];
      if (!bucket || bucket.month !== month)
        months.push((bucket = { month, label: formatMonth(month, lang), items: [] }));
      bucket.items.push(incidentCard(i, data.catalog, data.now, lang));
    }
    return { number: n + 1, total, months };
  });
}
