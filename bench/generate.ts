/**
 * Synthetic but realistic incidents for benchmarks: both services, every
 * type, 2–4 bilingual updates, postmortems and prevention on the older ones.
 * They arrive at a steady rate (one every 36 hours on average), so a larger
 * N means a longer archive, not a busier last 90 days; a few newest ones are
 * still open. Deterministic (seeded) so runs compare.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CatalogIndex } from '../src/core/catalog/index.ts';
import type { Incident } from '../src/core/incident/schema.ts';
import { incidentPath } from '../src/core/incident/paths.ts';
import { serializeIncident } from '../src/core/incident/serialize.ts';
import { toJstIso, toMs } from '../src/core/time.ts';
import { formatLedgerLine, keys, ledgerOf, type LedgerEntry } from '../src/core/ledger/ledger.ts';
import { postmortemPath, renderPostmortem } from '../src/core/review/postmortem-template.ts';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STATUS_TEXT = {
  investigating: [
    '一部のお客さまで影響が発生しています。原因を調査しています。',
    'Some customers are affected. We are investigating the cause.',
  ],
  identified: ['原因を特定し、対処を進めています。', 'We have identified the cause and are working on a fix.'],
  monitoring: ['対処が完了しました。経過を監視しています。', 'A fix is in place and we are monitoring the results.'],
  resolved: [
    '本件は復旧しました。ご不便をおかけし申し訳ありませんでした。',
    'This incident is resolved. We apologise for the disruption.',
  ],
} as const;

export function generateIncidents(
  root: string,
  count: number,
  catalog: CatalogIndex,
  endMs: number,
  seed = 42,
): string[] {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const spanMs = count * 36 * 3_600_000;
  const written: string[] = [];
  // Like a real repository, the ledger records each page verified live a few minutes after its first update.
  const live: LedgerEntry[] = [];
  for (let n = 0; n < count; n++) {
    const service = pick(catalog.catalog.services);
    const departments = catalog.catalog.departments.filter((d) => d.services.includes(service.id));
    const department = pick(departments);
    // The newest three start in the last day; the rest spread over 18 months.
    const detected =
      n >= count - 3
        ? endMs - (3 - (count - n)) * 3_600_000 - 7_200_000
        : Math.floor((endMs - spanMs + random() * (spanMs - 86_400_000)) / 60_000) * 60_000;
    const date = toJstIso(detected).slice(0, 10);
    const id = `${date}-${service.id}-synthetic-${n}`;
    const components = [...new Set([pick(catalog.componentIds(service.id)), pick(catalog.componentIds(service.id))])];
    // Like a real archive: a handful of incidents are open at any time, however long the history.
    const recent = n >= count - 3;
    const steps = recent
      ? (['investigating', 'identified', 'monitoring', 'resolved'] as const).slice(0, 2 + Math.floor(random() * 3))
      : random() < 0.5
        ? (['investigating', 'resolved'] as const)
        : (['investigating', 'identified', 'monitoring', 'resolved'] as const);
    let at = detected + (3 + Math.floor(random() * 12)) * 60_000;
    const updates = steps.map((status) => {
      const u = { at: toJstIso(at), status, message: { ja: STATUS_TEXT[status][0], en: STATUS_TEXT[status][1] } };
      at += (5 + Math.floor(random() * 25)) * 60_000;
      return u;
    });
    const resolved = steps.at(-1) === 'resolved';
    const severity = pick(['sev2', 'sev3', 'sev3', 'sev4'] as const);
    const old = resolved && endMs - detected > 60 * 86_400_000;
    const incident: Incident = {
      id,
      title: { ja: `${service.name.ja}の一部機能で障害 #${n}`, en: `Partial failure in ${service.name.en} #${n}` },
      service: service.id,
      type: pick(['failure', 'failure', 'failure', 'vulnerability'] as const),
      severity,
      scope: 'public',
      components: components.map((c) => ({
        id: c,
        status: pick(['degraded_performance', 'partial_outage', 'major_outage'] as const),
      })),
      impact: {
        ja: '一部のお客さまで操作が失敗または遅延しました。',
        en: 'Some customers saw failed or slow operations.',
      },
      detection: {
        source: pick(['monitoring', 'monitoring', 'ticket'] as const),
        at: toJstIso(detected),
        ref: `ALM-${100000 + n}`,
      },
      department: department.id,
      manager: department.managers[0]!,
      responder: 'k-tanaka',
      updates,
      ...(resolved ? { recovered_at: updates.at(-1)!.at } : {}),
      ...(old
        ? {
            prevention: [
              {
                id: 'PA-1',
                title: 'Add an alert for the failure mode',
                owner: 'k-tanaka',
                due: toJstIso(detected + 20 * 86_400_000).slice(0, 10),
                status: 'done' as const,
              },
            ],
            ...(severity === 'sev2'
              ? {
                  postmortem: {
                    status: 'approved' as const,
                    approvers: [department.managers[0]!, service.owners[0]!],
                    approved_at: toJstIso(detected + 7 * 86_400_000),
                    document: postmortemPath(id),
                    summary: {
                      ja: '原因と再発防止策をまとめました。',
                      en: 'We summarised the cause and the prevention work.',
                    },
                  },
                }
              : {}),
            closed_at: toJstIso(detected + 30 * 86_400_000),
          }
        : {}),
    };
    if (resolved && !old && severity === 'sev2') incident.postmortem = { status: 'draft' };
    const pageLive: LedgerEntry = {
      key: keys.pageLive(id, 1),
      kind: 'page-live',
      incident: id,
      at: toJstIso(toMs(updates[0]!.at) + 2 * 60_000),
      detail: { updates: 1 },
    };
    live.push(pageLive);
    if (incident.postmortem?.document) {
      // An approved postmortem has its written document, like a real one (every section answered).
      mkdirSync(join(root, 'postmortems'), { recursive: true });
      const doc = renderPostmortem(incident, catalog, endMs, ledgerOf([pageLive]))
        .replace(/<!-- Blameless:.*?-->\n\n/, '')
        .replace(/TODO(:[^\n]*)?/g, 'Written in the review meeting; see the action items.');
      writeFileSync(join(root, incident.postmortem.document), doc);
    }
    const file = incidentPath(id);
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(
      join(root, file),
      serializeIncident(incident, 'Synthetic incident for the benchmark. Narrative notes would go here.'),
    );
    written.push(file);
  }
  const year = toJstIso(endMs).slice(0, 4);
  mkdirSync(join(root, 'ledger', year), { recursive: true });
  writeFileSync(join(root, 'ledger', year, 'bench-page-live.jsonl'), live.map(formatLedgerLine).join(''));
  return written;
}
